package dev.exhibit.testkit;

import dev.exhibit.core.digest.Sha256;
import java.io.IOException;

/** A child JVM for {@link TestImagesTest}: gets one image through the cache and prints its SHA-256. */
public final class ConcurrentBuildMain {
    private ConcurrentBuildMain() {}

    public static void main(String[] args) throws IOException {
        System.out.println(Sha256.ofFile(TestImages.get(args[0])));
    }
}
