package org.opentss.hub;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.opentss.identity.Environment;

/**
 * Escaping for the HUB's server-rendered pages. Every value that does not come from a page's own
 * source text goes through {@link #esc}, in element content and in quoted attributes alike.
 */
public final class Html {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);

    private Html() {
    }

    public static String esc(Object value) {
        String text = String.valueOf(value);
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /** A Unix time in seconds as the HUB shows times: UTC, to the second. */
    public static String time(long epochSeconds) {
        return epochSeconds <= 0 ? "—" : TIME.format(Instant.ofEpochSecond(epochSeconds));
    }

    /** A hidden form field holding the page's CSRF token. */
    public static String csrfField(String csrf) {
        return "<input type=\"hidden\" name=\"" + HubGuard.CSRF_FIELD + "\" value=\"" + esc(csrf) + "\">";
    }

    /** A page's message when a list has nothing to show, with what to do about it. */
    public static String emptyState(String title, String hint) {
        return "<div class=\"empty\"><p class=\"empty-title\">" + esc(title) + "</p><p>" + hint + "</p></div>";
    }

    /** One label and value of a {@code dl.facts} list; the value is markup, already escaped. */
    public static String fact(String label, String valueHtml) {
        return "<dt>" + esc(label) + "</dt><dd>" + valueHtml + "</dd>";
    }

    /** A status badge; {@code kind} picks its colour (ok, warn, off). */
    public static String badge(String text, String kind) {
        return "<span class=\"badge badge-" + kind + "\">" + esc(text) + "</span>";
    }

    /** The environment a page shows: LIVE stands out, as its TSSs sign real receipts. */
    public static String environmentBadge(Environment env) {
        return badge(env.name(), env == Environment.LIVE ? "warn" : "ok");
    }
}
