package dev.exhibit.cli;

import dev.exhibit.acquire.badsector.FillPattern;
import dev.exhibit.acquire.image.EwfOptions;
import dev.exhibit.acquire.image.ImageFormat;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code acquire}'s image options, checked together: {@code --format}, {@code --split} (split-raw), and the E01's
 * {@code --compression}, {@code --segment-size} and {@code --chunk-sectors}. An option that does not fit the format
 * is a usage error, never silently ignored.
 */
final class ImageOptions {
    private ImageOptions() {}

    /** Whether any option that only a new acquisition takes was given. */
    static boolean given(String format, String compression, String segmentSize, Integer chunkSectors) {
        return format != null || compression != null || segmentSize != null || chunkSectors != null;
    }

    /** The E01 options, or null for a raw or split-raw image. */
    static EwfOptions ewf(
            CommandSpec spec,
            String format,
            String split,
            String compression,
            String segmentSize,
            Integer chunkSectors,
            String fill) {
        ImageFormat f;
        try {
            f = format == null ? (split != null ? ImageFormat.SPLIT_RAW : ImageFormat.RAW) : ImageFormat.parse(format);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        if (f == ImageFormat.SPLIT_RAW && split == null) {
            throw usage(spec, "--format split-raw needs --split SIZE, the size of each segment file, e.g. 2GiB");
        }
        if (f != ImageFormat.SPLIT_RAW && split != null) {
            throw usage(
                    spec,
                    "--split " + split + " makes a split-raw image, not " + f.id()
                            + (f == ImageFormat.E01 ? " (an E01 is cut into segment files by --segment-size)" : ""));
        }
        if (f != ImageFormat.E01) {
            for (String[] o : new String[][] {
                {"--compression", compression},
                {"--segment-size", segmentSize},
                {"--chunk-sectors", chunkSectors == null ? null : chunkSectors.toString()}
            }) {
                if (o[1] != null) {
                    throw usage(
                            spec,
                            o[0] + " " + o[1] + " is for --format e01; a " + f.id() + " image is not"
                                    + " compressed or cut into chunks");
                }
            }
            return null;
        }
        try {
            if (fill != null) {
                EwfOptions.requireZeroFill(FillPattern.parse(fill));
            }
            return EwfOptions.parse(compression, segmentSize, chunkSectors);
        } catch (IllegalArgumentException e) {
            throw usage(spec, e.getMessage());
        }
    }

    private static CommandLine.ParameterException usage(CommandSpec spec, String message) {
        return new CommandLine.ParameterException(spec.commandLine(), message);
    }
}
