/**
 * Image containers that acquire, verify and analyze share: {@link dev.exhibit.image.MediaReader} reads decoded media
 * bytes from any of them; {@code ewf} writes, reads and verifies the Expert Witness format (E01); {@code lzfse} decodes
 * Apple's LZFSE and LZVN, the codec of ULFO disk images.
 */
package dev.exhibit.image;
