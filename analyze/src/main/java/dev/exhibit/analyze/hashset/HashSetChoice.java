package dev.exhibit.analyze.hashset;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * The hash sets a listing marks its files with: where the store is and which sets, in the order given.
 *
 * @param store the store's directory, or null when no set is asked
 */
public record HashSetChoice(Path store, List<String> names) {
    /** No hash set. */
    public static final HashSetChoice NONE = new HashSetChoice(null, List.of());

    public HashSetChoice {
        names = List.copyOf(names);
        if (!names.isEmpty() && store == null) {
            throw new IllegalArgumentException("hash sets " + names + " given without their store");
        }
        if (names.size() > HashSets.MAX_SETS) {
            throw new IllegalArgumentException(
                    names.size() + " hash sets given; at most " + HashSets.MAX_SETS + " can be used at once");
        }
    }

    public boolean any() {
        return !names.isEmpty();
    }

    /** Opens the sets for lookups. */
    public HashSets open() throws IOException {
        return HashSetStore.at(store).open(names);
    }
}
