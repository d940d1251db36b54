/**
 * LZFSE and LZVN, Apple's compression formats, decoded in pure Java (no decoder exists on Maven Central): the codec of
 * ULFO disk images ('mish' chunk type 0x80000007). {@link dev.exhibit.image.lzfse.Lzfse#decode} is the one entry point;
 * every field of the stream is distrusted, and every failure is an {@link dev.exhibit.image.lzfse.LzfseException} that
 * names the block and its byte offset. Written from the format's public description; docs/lzfse.md.
 */
package dev.exhibit.image.lzfse;
