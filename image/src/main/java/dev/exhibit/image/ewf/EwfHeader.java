package dev.exhibit.image.ewf;

import java.time.Instant;

/**
 * Case metadata for the header2 and header sections. Free text is sanitised by the writer (TAB, CR, LF and other
 * control characters become spaces, since the format has no escaping; {@code toolVersion} is cut to 11 characters and
 * {@code operatingSystem} to 23, the limits EnCase enforces). Null strings are written empty; null times as well.
 *
 * @param acquired when the acquisition started (header2 stores POSIX seconds; the ASCII header the same moment in UTC)
 * @param system the system time when the image was written
 */
public record EwfHeader(
        String caseNumber,
        String evidenceNumber,
        String examiner,
        String description,
        String notes,
        String model,
        String serialNumber,
        Instant acquired,
        Instant system,
        String operatingSystem,
        String toolVersion) {}
