package dev.exhibit.core.chain;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.exhibit.core.json.Jcs;
import java.nio.file.Path;

/** A separate process for {@link LogLockTest}: appends {@code count} records to a log, reopening it for each. */
public final class AppendMain {
    private AppendMain() {}

    public static void main(String[] args) throws Exception {
        Path log = Path.of(args[0]);
        String writer = args[1];
        int count = Integer.parseInt(args[2]);
        for (int i = 0; i < count; i++) {
            try (ChainedLog l = ChainedLog.reopen(log)) {
                ObjectNode body = Jcs.object();
                body.put("writer", writer);
                body.put("n", i);
                l.append("event", body, true);
            }
        }
    }
}
