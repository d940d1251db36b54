package dev.exhibit.acquire.device;

import static org.assertj.core.api.Assertions.assertThat;

import dev.exhibit.acquire.device.AtaPassThrough.Command;
import org.junit.jupiter.api.Test;

/** CDBs and sense data laid out as SAT-3 specifies (tables 154, 175 and 12.2.2.6). */
class AtaPassThroughTest {

    @Test
    void cdb_identifyIsAPioDataInOfOneBlock() {
        byte[] cdb = AtaPassThrough.cdb(Command.IDENTIFY_DEVICE);
        assertThat(cdb).hasSize(16);
        assertThat(cdb[0] & 0xFF).isEqualTo(0x85); // ATA PASS-THROUGH (16)
        assertThat(cdb[1] >> 1 & 0x0F).isEqualTo(4); // PIO data-in
        assertThat(cdb[1] & 1).isZero(); // not extended
        assertThat(cdb[2] & 0xFF).isEqualTo(0x0E); // T_DIR in, BYTE_BLOCK, length in COUNT
        assertThat(cdb[6]).isEqualTo((byte) 1);
        assertThat(cdb[14] & 0xFF).isEqualTo(0xEC);
    }

    @Test
    void cdb_readNativeMaxExtIsAnExtendedNonDataCommandReturningRegisters() {
        byte[] cdb = AtaPassThrough.cdb(Command.READ_NATIVE_MAX_ADDRESS_EXT);
        assertThat(cdb[1] >> 1 & 0x0F).isEqualTo(3); // non-data
        assertThat(cdb[1] & 1).isEqualTo(1); // EXTEND
        assertThat(cdb[2] & 0x20).isEqualTo(0x20); // CK_COND
        assertThat(cdb[13] & 0xFF).isEqualTo(0x40); // LBA mode
        assertThat(cdb[14] & 0xFF).isEqualTo(0x27);
    }

    @Test
    void cdb_dcoIdentifyCarriesFeatureC2() {
        byte[] cdb = AtaPassThrough.cdb(Command.DCO_IDENTIFY);
        assertThat(cdb[4] & 0xFF).isEqualTo(0xC2);
        assertThat(cdb[14] & 0xFF).isEqualTo(0xB1);
    }

    @Test
    void commands_areReadOnly() {
        // SET MAX ADDRESS (F9h, 37h) and DCO SET/RESTORE/FREEZE (B1h with C0h, C3h, C1h) must not be expressible.
        for (Command c : Command.values()) {
            assertThat(c.opcode).isNotIn(0xF9, 0x37);
            assertThat(c.opcode == 0xB1 ? c.feature : 0xC2).isEqualTo(0xC2);
        }
    }

    @Test
    void registersFromSense_descriptorFormatGivesThe48BitLba() {
        long lba = 0x0000_3A38_6030L; // a native max address
        byte[] sense = new byte[22];
        sense[0] = 0x72;
        sense[1] = 0x01; // RECOVERED ERROR
        sense[3] = 0x1D; // ATA PASS THROUGH INFORMATION AVAILABLE
        sense[7] = 14;
        sense[8] = 0x09;
        sense[9] = 0x0C;
        sense[10] = 0x01; // EXTEND
        sense[14] = (byte) (lba >>> 24);
        sense[15] = (byte) lba;
        sense[16] = (byte) (lba >>> 32);
        sense[17] = (byte) (lba >>> 8);
        sense[18] = (byte) (lba >>> 40);
        sense[19] = (byte) (lba >>> 16);
        sense[20] = 0x40;
        sense[21] = 0x50; // DRDY, DSC
        AtaPassThrough.Registers r = AtaPassThrough.registersFromSense(sense);
        assertThat(r.lba()).isEqualTo(lba);
        assertThat(r.status()).isEqualTo(0x50);
        assertThat(r.failed()).isFalse();
    }

    @Test
    void registersFromSense_fixedFormatGivesA24BitLbaOrNothing() {
        byte[] sense = new byte[18];
        sense[0] = 0x70;
        sense[2] = 0x01;
        sense[3] = 0x00; // ERROR
        sense[4] = 0x51; // STATUS with ERR
        sense[9] = 0x56;
        sense[10] = 0x34;
        sense[11] = 0x12;
        AtaPassThrough.Registers r = AtaPassThrough.registersFromSense(sense);
        assertThat(r.lba()).isEqualTo(0x123456);
        assertThat(r.failed()).isTrue();
        sense[8] = 0x20; // LBA UPPER NONZERO
        assertThat(AtaPassThrough.registersFromSense(sense)).isNull();
    }

    @Test
    void describe_namesABridgeThatRefusesPassThrough() {
        byte[] sense = {0x70, 0, 0x05, 0, 0, 0, 0, 10, 0, 0, 0, 0, 0x20, 0x00};
        assertThat(AtaPassThrough.describe(Command.IDENTIFY_DEVICE, sense))
                .isEqualTo(
                        "the device or its bridge does not pass ATA commands through (sense key 5h, ASC 20h, ASCQ 00h)");
    }
}
