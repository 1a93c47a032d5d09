package org.opentss.hub;

import io.helidon.common.uri.UriQueryWriteable;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.opentss.export.ExportParameters;
import org.opentss.http.ApiError;
import org.opentss.http.QueryInput;
import org.opentss.tss.Tss;

/**
 * The form that starts an export of one TSS: the TSS, and optionally a range of days or of transaction
 * numbers. Its filters become the query of the TSS API's trigger and are read by the same code, so the HUB
 * refuses exactly what the API refuses (sign-de-v2.md §10.1), each refusal next to the field it is about.
 */
final class ExportTriggerForm {

    static final String TSS = "tss";
    private static final String START_DATE = "start_date";
    private static final String END_DATE = "end_date";
    /** The filter fields, named as the API's query parameters, with their labels. */
    private static final Map<String, String> FILTERS = filters();

    /** What to export. */
    record Request(String tssId, ExportParameters parameters) {
    }

    private ExportTriggerForm() {
    }

    private static Map<String, String> filters() {
        Map<String, String> filters = new LinkedHashMap<>();
        filters.put(START_DATE, "From date");
        filters.put(END_DATE, "To date");
        filters.put("start_transaction_number", "From transaction number");
        filters.put("end_transaction_number", "To transaction number");
        return filters;
    }

    /** The export the form asks for; empty when {@code view} now holds errors to show. */
    static Optional<Request> read(Form form, FormView view) {
        Optional<String> tssId = form.optional(TSS);
        if (tssId.isEmpty()) {
            view.error(TSS, "Choose a TSS.");
        }
        UriQueryWriteable query = UriQueryWriteable.create();
        // a day in the form is a whole UTC day: from its first second to its last
        day(form, view, START_DATE).ifPresent(d -> query.set(START_DATE, Long.toString(startOf(d))));
        day(form, view, END_DATE).ifPresent(d -> query.set(END_DATE, Long.toString(startOf(d.plusDays(1)) - 1)));
        FILTERS.keySet().stream().filter(name -> !name.equals(START_DATE) && !name.equals(END_DATE))
                .forEach(name -> form.optional(name).ifPresent(value -> query.set(name, value)));
        if (view.hasErrors()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new Request(tssId.get(), ExportParameters.parse(new QueryInput(query))));
        } catch (ApiError refused) {
            view.error(fieldOf(refused.getMessage()), inWords(refused.getMessage()));
            return Optional.empty();
        }
    }

    private static Optional<LocalDate> day(Form form, FormView view, String field) {
        Optional<String> text = form.optional(field);
        if (text.isEmpty()) {
            return Optional.empty();
        }
        try {
            LocalDate day = LocalDate.parse(text.get());
            if (day.getYear() >= 1970 && day.getYear() <= 9999) {
                return Optional.of(day);
            }
        } catch (DateTimeParseException e) {
            // said below, as for a date out of range
        }
        view.error(field, "Enter a day between 1970-01-01 and 9999-12-31 as YYYY-MM-DD.");
        return Optional.empty();
    }

    private static long startOf(LocalDate day) {
        return day.atStartOfDay(ZoneOffset.UTC).toEpochSecond();
    }

    /** The field a refusal is about: the first one it names (the API names its parameters). */
    private static String fieldOf(String message) {
        return FILTERS.keySet().stream().filter(message::contains)
                .min(Comparator.comparingInt(message::indexOf)).orElse("");
    }

    /** The API's message with the form's labels for its parameter names. */
    private static String inWords(String message) {
        String text = message.replace("querystring/", "");
        for (Map.Entry<String, String> filter : FILTERS.entrySet()) {
            text = text.replace(filter.getKey(), "“" + filter.getValue() + "”");
        }
        return text + ".";
    }

    /**
     * The form, with the organization's TSSs to choose from (at least one); {@code view} holds the values
     * sent last.
     */
    static String render(HubContext ctx, FormView view, List<Tss> tsses) {
        Map<String, String> choices = new LinkedHashMap<>();
        for (Tss tss : tsses) {
            choices.put(tss.id(), tss.description() + " · " + tss.state().name());
        }
        StringBuilder filters = new StringBuilder();
        FILTERS.forEach((name, label) -> filters.append(view.input(name, label,
                name.endsWith("_date") ? "date" : "number", false, "")));
        return "<section class=\"card\" aria-labelledby=\"new-export\"><h2 id=\"new-export\">New export</h2>"
                + "<p class=\"muted\">All signed log messages of the TSS, or only those of a range of days (UTC, both "
                + "days included) or of transaction numbers; not both kinds at once.</p>"
                + view.summary()
                + "<form method=\"post\" action=\"/hub/exports\" novalidate>" + Html.csrfField(ctx.csrf())
                + view.select(TSS, "TSS", choices, tsses.getFirst().id())
                + "<div class=\"filters\">" + filters + "</div>"
                + "<button type=\"submit\">Start export</button></form></section>";
    }
}
