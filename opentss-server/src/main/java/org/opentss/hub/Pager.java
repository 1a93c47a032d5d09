package org.opentss.hub;

import java.util.Optional;

/** Numbered pages of a newest-first list: the page an address asks for, and the links to its neighbours. */
final class Pager {

    private static final int MAX_PAGE = 10_000;

    private Pager() {
    }

    /** The page {@code ?page=N} names: 1 when there is none, empty when it is no page number. */
    static Optional<Integer> requested(Form query) {
        Optional<String> raw = query.optional("page");
        if (raw.isEmpty()) {
            return Optional.of(1);
        }
        try {
            int page = Integer.parseInt(raw.get());
            return page >= 1 && page <= MAX_PAGE ? Optional.of(page) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** Where page {@code page} of {@code size} rows starts. */
    static long offset(int page, int size) {
        return (long) (page - 1) * size;
    }

    /**
     * Links to the newer and the older page, none when this is the only page.
     *
     * @param base the list's address with its filters; {@code page=N} is added to it
     * @param label what the pages are of, for screen readers
     */
    static String links(String base, int page, boolean older, String label) {
        if (page == 1 && !older) {
            return "";
        }
        String prefix = base + (base.contains("?") ? "&" : "?") + "page=";
        String newer = page > 1 ? "<a href=\"" + Html.esc(prefix + (page - 1)) + "\">Newer</a>" : "";
        String next = older ? "<a href=\"" + Html.esc(prefix + (page + 1)) + "\">Older</a>" : "";
        return "<nav class=\"pager\" aria-label=\"" + Html.esc(label) + "\">" + newer + "<span class=\"muted\">Page "
                + page + "</span>" + next + "</nav>";
    }
}
