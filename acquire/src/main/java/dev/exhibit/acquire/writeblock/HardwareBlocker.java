package dev.exhibit.acquire.writeblock;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.exhibit.core.ExhibitException;
import dev.exhibit.core.json.Jcs;

/**
 * A hardware write blocker the examiner declares ({@code --hardware-blocker "MODEL SERIAL"}), recorded as declared:
 * Exhibit cannot see through a bridge whether it really blocks writes, which is why the software check still runs.
 *
 * @param model e.g. {@code Tableau T35u}
 * @param serial the blocker's serial number
 */
public record HardwareBlocker(String model, String serial) {

    public HardwareBlocker {
        if (model == null || model.isBlank() || serial == null || serial.isBlank()) {
            throw ExhibitException.usage("a hardware write blocker needs a model and a serial number, e.g. 'Tableau"
                    + " T35u 000ecc550123'");
        }
    }

    /**
     * Parses {@code "MODEL SERIAL"}, {@code "MODEL S/N SERIAL"} or {@code "MODEL, SERIAL"}: the serial is the text after
     * {@code S/N} (or a comma), else the last word.
     */
    public static HardwareBlocker parse(String text) {
        String t = text.strip();
        int sn = t.toUpperCase(java.util.Locale.ROOT).lastIndexOf("S/N");
        if (sn >= 0) {
            return new HardwareBlocker(
                    t.substring(0, sn).strip(), t.substring(sn + 3).replaceFirst("^[:\\s]+", ""));
        }
        int comma = t.lastIndexOf(',');
        if (comma >= 0) {
            return new HardwareBlocker(
                    t.substring(0, comma).strip(), t.substring(comma + 1).strip());
        }
        int space = t.lastIndexOf(' ');
        if (space < 0) {
            throw ExhibitException.usage("hardware write blocker '" + text + "' must be 'MODEL SERIAL', e.g. 'Tableau"
                    + " T35u 000ecc550123'");
        }
        return new HardwareBlocker(
                t.substring(0, space).strip(), t.substring(space + 1).strip());
    }

    /** {@code {"model": ..., "serial": ..., "verified": false}}: declared by the examiner, not checked by Exhibit. */
    public ObjectNode toJson() {
        ObjectNode n = Jcs.object();
        n.put("model", model);
        n.put("serial", serial);
        n.put("verified", false);
        return n;
    }
}
