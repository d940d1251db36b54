package dev.exhibit.analyze.vs;

import java.util.Map;

/**
 * Names of the GPT partition types an examiner meets most, as util-linux's fdisk names them (GptTypesTest compares
 * every one with {@code sfdisk --label gpt -T}). Any other type is shown by its GUID alone.
 */
final class GptTypes {
    private static final Map<String, String> NAMES = Map.ofEntries(
            Map.entry("C12A7328-F81F-11D2-BA4B-00A0C93EC93B", "EFI System"),
            Map.entry("024DEE41-33E7-11D3-9D69-0008C781F39F", "MBR partition scheme"),
            Map.entry("21686148-6449-6E6F-744E-656564454649", "BIOS boot"),
            Map.entry("E3C9E316-0B5C-4DB8-817D-F92DF00215AE", "Microsoft reserved"),
            Map.entry("EBD0A0A2-B9E5-4433-87C0-68B6B72699C7", "Microsoft basic data"),
            Map.entry("5808C8AA-7E8F-42E0-85D2-E1E90434CFB3", "Microsoft LDM metadata"),
            Map.entry("AF9B60A0-1431-4F62-BC68-3311714A69AD", "Microsoft LDM data"),
            Map.entry("DE94BBA4-06D1-4D40-A16A-BFD50179D6AC", "Windows recovery environment"),
            Map.entry("E75CAF8F-F680-4CEE-AFA3-B001E56EFC2D", "Microsoft Storage Spaces"),
            Map.entry("0657FD6D-A4AB-43C4-84E5-0933C84B4F4F", "Linux swap"),
            Map.entry("0FC63DAF-8483-4772-8E79-3D69D8477DE4", "Linux filesystem"),
            Map.entry("4F68BCE3-E8CD-4DB1-96E7-FBCAF984B709", "Linux root (x86-64)"),
            Map.entry("B921B045-1DF0-41C3-AF44-4C6F280D3FAE", "Linux root (ARM-64)"),
            Map.entry("933AC7E1-2EB4-4F13-B844-0E14E2AEF915", "Linux home"),
            Map.entry("A19D880F-05FC-4D3B-A006-743F0F84911E", "Linux RAID"),
            Map.entry("E6D6D379-F507-44C2-A23C-238F2A3DF928", "Linux LVM"),
            Map.entry("BC13C2FF-59E6-4262-A352-B275FD6F7172", "Linux extended boot"),
            Map.entry("516E7CB4-6ECF-11D6-8FF8-00022D09712B", "FreeBSD data"),
            Map.entry("516E7CB6-6ECF-11D6-8FF8-00022D09712B", "FreeBSD UFS"),
            Map.entry("516E7CBA-6ECF-11D6-8FF8-00022D09712B", "FreeBSD ZFS"),
            Map.entry("48465300-0000-11AA-AA11-00306543ECAC", "Apple HFS/HFS+"),
            Map.entry("7C3457EF-0000-11AA-AA11-00306543ECAC", "Apple APFS"),
            Map.entry("426F6F74-0000-11AA-AA11-00306543ECAC", "Apple boot"),
            Map.entry("53746F72-6167-11AA-AA11-00306543ECAC", "Apple Core storage"),
            Map.entry("6A898CC3-1DD2-11B2-99A6-080020736631", "Solaris /usr & Apple ZFS"),
            Map.entry("FE3A2A5D-4F32-41A7-B725-ACCC3285A309", "ChromeOS kernel"),
            Map.entry("3CB8E202-3B7E-47DD-8A3C-7FF2A13CFCEC", "ChromeOS root fs"),
            Map.entry("AA31E02A-400F-11DB-9590-000C2911D1B8", "VMware VMFS"));

    private GptTypes() {}

    /** The type's name, or {@code null} for a type not in the table. */
    static String name(String typeGuid) {
        return NAMES.get(typeGuid);
    }

    static Map<String, String> all() {
        return NAMES;
    }
}
