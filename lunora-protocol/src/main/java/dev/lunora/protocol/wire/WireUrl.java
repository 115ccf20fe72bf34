package dev.lunora.protocol.wire;

import java.net.URI;
import java.util.regex.Pattern;

/**
 * A JavaScript {@code URL}, carried as its href verbatim (never normalised). The href must be absolute: an
 * RFC 3986 scheme (an ASCII letter, then ASCII letters, digits, {@code +}, {@code -} or {@code .}), then {@code :}.
 *
 * @param href the absolute href
 */
public record WireUrl(String href) {
    private static final Pattern ABSOLUTE = Pattern.compile("^[A-Za-z][A-Za-z0-9+.\\-]*:.*", Pattern.DOTALL);

    /**
     * Checks the absolute-href floor.
     *
     * @throws WireFormatException when {@code href} is null or not absolute
     */
    public WireUrl {
        if (href == null || !ABSOLUTE.matcher(href).matches()) {
            throw new WireFormatException("url href is not absolute: " + href);
        }
    }

    /** The URL for {@code uri}'s string form; fails as the constructor does. */
    public static WireUrl of(URI uri) {
        return new WireUrl(uri.toString());
    }
}
