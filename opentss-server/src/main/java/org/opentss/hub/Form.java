package org.opentss.hub;

import io.helidon.common.parameters.Parameters;
import java.util.Optional;

/** The fields of a submitted HUB form ({@code application/x-www-form-urlencoded}). */
public final class Form {

    private static final Form EMPTY = new Form(Parameters.empty("form"));

    private final Parameters parameters;

    Form(Parameters parameters) {
        this.parameters = parameters;
    }

    static Form empty() {
        return EMPTY;
    }

    /** The field's value, trimmed; empty when it is missing. */
    public String text(String name) {
        return optional(name).orElse("");
    }

    public Optional<String> optional(String name) {
        return parameters.first(name).asOptional().map(String::trim).filter(s -> !s.isEmpty());
    }

    /** The field exactly as sent (passwords keep their spaces). */
    public String raw(String name) {
        return parameters.first(name).orElse("");
    }
}
