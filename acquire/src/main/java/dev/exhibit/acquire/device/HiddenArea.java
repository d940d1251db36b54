package dev.exhibit.acquire.device;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.exhibit.core.json.Jcs;
import java.util.Objects;

/**
 * Whether a drive hides sectors from the host through a Host Protected Area (HPA) or a Device Configuration Overlay
 * (DCO), as far as it could be asked. Sector counts are in the drive's logical sectors; -1 where not known.
 *
 * @param visibleSectors sectors the host can read now (HPA) or the drive's native size (DCO)
 * @param fullSectors sectors behind the area: the native size (HPA) or the factory size the DCO reports (DCO)
 */
public record HiddenArea(State state, String detail, long visibleSectors, long fullSectors) {

    /** What was found. */
    public enum State {
        /** Asked, and nothing is hidden. */
        ABSENT("absent"),
        /** Asked, and sectors are hidden. */
        PRESENT("present"),
        /** The drive says it does not support the feature set, so it cannot hide sectors that way. */
        NOT_SUPPORTED("not-supported"),
        /** The transport has no such feature (NVMe, a loop device). */
        NOT_APPLICABLE("not-applicable"),
        /** The drive could not be asked; {@code detail} says why. */
        NOT_CHECKED("not-checked");

        private final String json;

        State(String json) {
            this.json = json;
        }

        public String json() {
            return json;
        }
    }

    public HiddenArea {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(detail, "detail");
    }

    static HiddenArea notChecked(String reason) {
        return new HiddenArea(State.NOT_CHECKED, reason, -1, -1);
    }

    static HiddenArea of(State state, String detail) {
        return new HiddenArea(state, detail, -1, -1);
    }

    /** The number of hidden sectors, or 0 when none are (or it is not known). */
    public long hiddenSectors() {
        return state == State.PRESENT ? fullSectors - visibleSectors : 0;
    }

    /** {@code {"state": ..., "detail": ...}}, with the sector counts when they are known. */
    public ObjectNode toJson() {
        ObjectNode n = Jcs.object();
        n.put("state", state.json());
        n.put("detail", detail);
        if (visibleSectors >= 0 && fullSectors >= 0) {
            n.put("visibleSectorCount", visibleSectors);
            n.put("fullSectorCount", fullSectors);
            n.put("hiddenSectorCount", hiddenSectors());
        }
        return n;
    }
}
