package dev.exhibit.acquire.device;

import dev.exhibit.core.posix.NativeFd;
import dev.exhibit.core.posix.PosixException;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Locale;

/**
 * Read-only ATA commands sent through SG_IO as SCSI ATA PASS-THROUGH (16) (SAT-3), as libata, most USB-SATA bridges and
 * hardware write blockers accept them. Only the commands of {@link Command} can be sent, and none of them writes: no
 * SET MAX ADDRESS, no DCO SET or RESTORE, ever.
 */
final class AtaPassThrough {
    /** {@code SG_IO} ioctl request. */
    private static final long SG_IO = 0x2285;

    private static final int TIMEOUT_MILLIS = 15_000;
    private static final int SENSE_BYTES = 32;

    // struct sg_io_hdr (scsi/sg.h), x86-64 offsets.
    private static final int HDR_BYTES = 88;
    private static final int HDR_INTERFACE_ID = 0;
    private static final int HDR_DXFER_DIRECTION = 4;
    private static final int HDR_CMD_LEN = 8;
    private static final int HDR_MX_SB_LEN = 9;
    private static final int HDR_DXFER_LEN = 12;
    private static final int HDR_DXFERP = 16;
    private static final int HDR_CMDP = 24;
    private static final int HDR_SBP = 32;
    private static final int HDR_TIMEOUT = 40;
    private static final int HDR_STATUS = 64;
    private static final int HDR_SB_LEN_WR = 67;
    private static final int HDR_HOST_STATUS = 68;
    private static final int HDR_DRIVER_STATUS = 70;
    private static final int HDR_RESID = 72;
    private static final int SG_DXFER_NONE = -1;
    private static final int SG_DXFER_FROM_DEV = -3;
    private static final int DRIVER_SENSE = 0x08;

    private static final int PROTOCOL_NON_DATA = 3;
    private static final int PROTOCOL_PIO_DATA_IN = 4;

    /** The read-only commands this class may send. */
    enum Command {
        IDENTIFY_DEVICE(0xEC, 0, false, true),
        READ_NATIVE_MAX_ADDRESS(0xF8, 0, false, false),
        READ_NATIVE_MAX_ADDRESS_EXT(0x27, 0, true, false),
        /** DEVICE CONFIGURATION IDENTIFY: DEVICE CONFIGURATION OVERLAY with feature C2h. */
        DCO_IDENTIFY(0xB1, 0xC2, false, true);

        final int opcode;
        final int feature;
        final boolean extend;
        final boolean dataIn;

        Command(int opcode, int feature, boolean extend, boolean dataIn) {
            this.opcode = opcode;
            this.feature = feature;
            this.extend = extend;
            this.dataIn = dataIn;
        }
    }

    /** The ATA registers a non-data command returned (through the sense data). */
    record Registers(int status, int error, long lba, int device) {
        boolean failed() {
            return (status & 0x01) != 0 || (status & 0x20) != 0;
        }
    }

    /** A command the device, its bridge or the kernel did not carry out, with the reason in words. */
    static final class Refused extends Exception {
        Refused(String reason) {
            super(reason, null, false, false);
        }
    }

    private AtaPassThrough() {}

    /** Runs a data-in command (IDENTIFY, DCO IDENTIFY) and returns its 512 bytes. */
    static byte[] readBlock(NativeFd fd, Command command) throws Refused {
        if (!command.dataIn) {
            throw new IllegalArgumentException(command + " returns no data");
        }
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment data = arena.allocate(512, 8);
            Outcome outcome = send(arena, fd, command, data);
            if (outcome.scsiStatus != 0) {
                throw new Refused(describe(command, outcome.sense));
            }
            if (outcome.resid != 0) {
                throw new Refused(command + " returned " + (512 - outcome.resid) + " of 512 bytes");
            }
            return data.toArray(ValueLayout.JAVA_BYTE);
        }
    }

    /** Runs a non-data command with CK_COND set and returns the registers the device answered with. */
    static Registers registers(NativeFd fd, Command command) throws Refused {
        if (command.dataIn) {
            throw new IllegalArgumentException(command + " returns data, not registers");
        }
        try (Arena arena = Arena.ofConfined()) {
            Outcome outcome = send(arena, fd, command, MemorySegment.NULL);
            Registers r = registersFromSense(outcome.sense);
            if (r == null) {
                throw new Refused(describe(command, outcome.sense));
            }
            if (r.failed()) {
                throw new Refused(String.format(
                        Locale.ROOT,
                        "the drive rejected %s (ATA status %02Xh, error %02Xh)",
                        command,
                        r.status(),
                        r.error()));
            }
            return r;
        }
    }

    private record Outcome(int scsiStatus, int resid, byte[] sense) {}

    private static Outcome send(Arena arena, NativeFd fd, Command command, MemorySegment data) throws Refused {
        MemorySegment cdb = arena.allocate(16);
        cdb.copyFrom(MemorySegment.ofArray(cdb(command)));
        MemorySegment sense = arena.allocate(SENSE_BYTES);
        MemorySegment hdr = arena.allocate(HDR_BYTES, 8);
        hdr.set(ValueLayout.JAVA_INT, HDR_INTERFACE_ID, 'S');
        hdr.set(ValueLayout.JAVA_INT, HDR_DXFER_DIRECTION, command.dataIn ? SG_DXFER_FROM_DEV : SG_DXFER_NONE);
        hdr.set(ValueLayout.JAVA_BYTE, HDR_CMD_LEN, (byte) 16);
        hdr.set(ValueLayout.JAVA_BYTE, HDR_MX_SB_LEN, (byte) SENSE_BYTES);
        hdr.set(ValueLayout.JAVA_INT, HDR_DXFER_LEN, (int) data.byteSize());
        hdr.set(ValueLayout.ADDRESS, HDR_DXFERP, data);
        hdr.set(ValueLayout.ADDRESS, HDR_CMDP, cdb);
        hdr.set(ValueLayout.ADDRESS, HDR_SBP, sense);
        hdr.set(ValueLayout.JAVA_INT, HDR_TIMEOUT, TIMEOUT_MILLIS);
        try {
            fd.ioctlStruct(SG_IO, hdr, "SG_IO");
        } catch (PosixException e) {
            throw new Refused("the device takes no SCSI commands (SG_IO: " + reason(e) + ")");
        } catch (IOException e) {
            throw new Refused("SG_IO failed: " + e.getMessage());
        }
        int host = hdr.get(ValueLayout.JAVA_SHORT, HDR_HOST_STATUS) & 0xFFFF;
        int driver = hdr.get(ValueLayout.JAVA_SHORT, HDR_DRIVER_STATUS) & 0xFFFF;
        if (host != 0 || (driver & ~DRIVER_SENSE) != 0) {
            throw new Refused(String.format(
                    Locale.ROOT,
                    "%s did not reach the drive (host status %02Xh, driver status %02Xh)",
                    command,
                    host,
                    driver));
        }
        int senseLength = Math.min(hdr.get(ValueLayout.JAVA_BYTE, HDR_SB_LEN_WR) & 0xFF, SENSE_BYTES);
        return new Outcome(
                hdr.get(ValueLayout.JAVA_BYTE, HDR_STATUS) & 0xFF,
                hdr.get(ValueLayout.JAVA_INT, HDR_RESID),
                sense.asSlice(0, senseLength).toArray(ValueLayout.JAVA_BYTE));
    }

    /** The 16-byte ATA PASS-THROUGH CDB (SAT-3 table 154) for a read-only command. */
    static byte[] cdb(Command command) {
        byte[] cdb = new byte[16];
        cdb[0] = (byte) 0x85;
        if (command.dataIn) {
            cdb[1] = (byte) (PROTOCOL_PIO_DATA_IN << 1);
            cdb[2] = 0x0E; // T_DIR from device, BYTE_BLOCK, T_LENGTH in COUNT: one 512-byte block
            cdb[6] = 1;
        } else {
            cdb[1] = (byte) (PROTOCOL_NON_DATA << 1 | (command.extend ? 1 : 0));
            cdb[2] = 0x20; // CK_COND: return the registers in the sense data
            cdb[13] = 0x40; // DEVICE: LBA mode
        }
        cdb[4] = (byte) command.feature;
        cdb[14] = (byte) command.opcode;
        return cdb;
    }

    /**
     * The ATA registers in sense data: the ATA Status Return descriptor (09h) of descriptor-format sense, or the
     * fixed-format fields (SAT-3 12.2.2.6), where the upper 24 bits of a 48-bit LBA are lost. Null if neither is there.
     */
    static Registers registersFromSense(byte[] sense) {
        if (sense.length < 8) {
            return null;
        }
        int code = sense[0] & 0x7F;
        if (code == 0x72 || code == 0x73) {
            int end = Math.min(sense.length, 8 + (sense[7] & 0xFF));
            for (int i = 8; i + 14 <= end; i += 2 + (sense[i + 1] & 0xFF)) {
                if ((sense[i] & 0xFF) == 0x09 && (sense[i + 1] & 0xFF) >= 0x0C) {
                    long lba = u(sense, i + 7)
                            | u(sense, i + 9) << 8
                            | u(sense, i + 11) << 16
                            | u(sense, i + 6) << 24
                            | u(sense, i + 8) << 32
                            | u(sense, i + 10) << 40;
                    return new Registers(sense[i + 13] & 0xFF, sense[i + 3] & 0xFF, lba, sense[i + 12] & 0xFF);
                }
            }
            return null;
        }
        if ((code == 0x70 || code == 0x71) && sense.length >= 14) {
            if ((sense[8] & 0x20) != 0) {
                return null; // LBA UPPER NONZERO: the address does not fit the fixed format
            }
            long lba = u(sense, 9) | u(sense, 10) << 8 | u(sense, 11) << 16;
            return new Registers(sense[4] & 0xFF, sense[3] & 0xFF, lba, sense[5] & 0xFF);
        }
        return null;
    }

    private static long u(byte[] b, int i) {
        return b[i] & 0xFFL;
    }

    /** Why a command failed, from the sense key and additional sense code. */
    static String describe(Command command, byte[] sense) {
        if (sense.length < 3) {
            return command + " failed without sense data";
        }
        boolean descriptor = (sense[0] & 0x7F) >= 0x72;
        int key = (descriptor ? sense[1] : sense[2]) & 0x0F;
        int asc;
        int ascq;
        if (descriptor) {
            asc = sense.length > 2 ? sense[2] & 0xFF : 0;
            ascq = sense.length > 3 ? sense[3] & 0xFF : 0;
        } else {
            asc = sense.length > 12 ? sense[12] & 0xFF : 0;
            ascq = sense.length > 13 ? sense[13] & 0xFF : 0;
        }
        String what = key == 0x05
                ? "the device or its bridge does not pass ATA commands through"
                : key == 0x0B ? "the drive aborted " + command : command + " failed";
        return String.format(Locale.ROOT, "%s (sense key %Xh, ASC %02Xh, ASCQ %02Xh)", what, key, asc, ascq);
    }

    private static String reason(PosixException e) {
        String m = e.getMessage();
        int colon = m.indexOf("failed: ");
        return colon >= 0 ? m.substring(colon + "failed: ".length()) : m;
    }
}
