package org.opentss.hub;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Renders a form's fields with their labels, the values sent last time and each error next to its field,
 * so that a refused form comes back as the user left it and says what to change.
 */
final class FormView {

    private final Form values;
    private final Map<String, String> errors = new LinkedHashMap<>();

    FormView(Form values) {
        this.values = values;
    }

    FormView error(String field, String message) {
        errors.put(field, message);
        return this;
    }

    boolean hasErrors() {
        return !errors.isEmpty();
    }

    /** A text-like input; {@code type} is text, email, password, number … Passwords are never filled in again. */
    String input(String name, String label, String type, boolean required, String hint) {
        String value = type.equals("password") ? "" : values.text(name);
        return input(name, label, type, required, hint, value);
    }

    String input(String name, String label, String type, boolean required, String hint, String value) {
        String id = "f-" + name;
        String error = errors.get(name);
        StringBuilder out = new StringBuilder("<div class=\"field").append(error == null ? "" : " has-error")
                .append("\"><label for=\"").append(id).append("\">").append(Html.esc(label))
                .append(required ? "" : " <span class=\"optional\">(optional)</span>").append("</label>");
        out.append("<input id=\"").append(id).append("\" name=\"").append(name).append("\" type=\"").append(type)
                .append("\" value=\"").append(Html.esc(value)).append('"').append(required ? " required" : "");
        if (type.equals("password")) {
            boolean current = name.equals("password") || name.equals("current_password");
            out.append(" autocomplete=\"").append(current ? "current-password" : "new-password").append('"');
        }
        String describedBy = (hint.isEmpty() ? "" : id + "-hint ") + (error == null ? "" : id + "-error");
        if (!describedBy.isBlank()) {
            out.append(" aria-describedby=\"").append(describedBy.trim()).append('"');
        }
        if (error != null) {
            out.append(" aria-invalid=\"true\"");
        }
        out.append('>');
        if (!hint.isEmpty()) {
            out.append("<p class=\"hint\" id=\"").append(id).append("-hint\">").append(Html.esc(hint)).append("</p>");
        }
        if (error != null) {
            out.append("<p class=\"field-error\" id=\"").append(id).append("-error\">").append(Html.esc(error))
                    .append("</p>");
        }
        return out.append("</div>").toString();
    }

    /** A select; {@code options} maps each value to its label. */
    String select(String name, String label, Map<String, String> options, String selected) {
        String id = "f-" + name;
        String chosen = values.optional(name).orElse(selected);
        StringBuilder out = new StringBuilder("<div class=\"field\"><label for=\"").append(id).append("\">")
                .append(Html.esc(label)).append("</label><select id=\"").append(id).append("\" name=\"").append(name)
                .append("\">");
        options.forEach((value, text) -> out.append("<option value=\"").append(Html.esc(value)).append('"')
                .append(value.equals(chosen) ? " selected" : "").append('>').append(Html.esc(text)).append("</option>"));
        String error = errors.get(name);
        if (error != null) {
            out.append("</select><p class=\"field-error\" id=\"").append(id).append("-error\">").append(Html.esc(error))
                    .append("</p></div>");
            return out.toString();
        }
        return out.append("</select></div>").toString();
    }

    /** Errors that belong to no single field, above the form. */
    String summary() {
        if (errors.isEmpty()) {
            return "";
        }
        String general = errors.get("");
        return "<div class=\"alert alert-error\" role=\"alert\">"
                + Html.esc(general != null ? general : "Please correct the fields marked below.") + "</div>";
    }
}
