package org.opentss.hub;

import java.util.List;
import org.opentss.identity.Environment;
import org.opentss.identity.Organization;

/**
 * The chrome around every HUB page: the header with the organization and environment switcher and the
 * user's sign-out, the navigation, and the one stylesheet and script.
 */
public final class HubLayout {

    /** The navigation: path and label, in the order a new customer works through them. */
    private static final List<String[]> NAV = List.of(
            new String[] {"/hub", "Overview"},
            new String[] {"/hub/tss", "TSS"},
            new String[] {"/hub/clients", "Clients"},
            new String[] {"/hub/transactions", "Transactions"},
            new String[] {"/hub/exports", "Exports"},
            new String[] {"/hub/registers", "POS registers"},
            new String[] {"/hub/api-keys", "API keys"},
            new String[] {"/hub/members", "Members"},
            new String[] {"/hub/organizations", "Organizations"});

    /**
     * @param active the navigation path to mark as the current one
     * @param body the page's content, already escaped
     */
    public String page(HubContext ctx, String active, String title, String body) {
        StringBuilder nav = new StringBuilder();
        for (String[] item : NAV) {
            boolean current = item[0].equals(active);
            nav.append("<a href=\"").append(item[0]).append('"').append(current ? " aria-current=\"page\"" : "")
                    .append('>').append(item[1]).append("</a>");
        }
        String header = "<header class=\"top\"><a class=\"brand\" href=\"/hub\">OpenTSS <span>HUB</span></a>"
                + switcher(ctx)
                + "<form class=\"signout\" method=\"post\" action=\"/hub/sign-out\">" + Html.csrfField(ctx.csrf())
                + "<a class=\"who\" href=\"/hub/account\">" + Html.esc(ctx.user().email()) + "</a>"
                + "<button type=\"submit\" class=\"link\">Sign out</button></form></header>";
        String environment = ctx.organization().isPresent() && ctx.env() == Environment.LIVE
                ? "<div class=\"live-banner\" role=\"status\">LIVE environment: TSSs here sign real receipts.</div>"
                : "";
        return document(title, "<div class=\"shell\">" + header
                + "<nav class=\"side\" aria-label=\"Main\">" + nav + "</nav>"
                + "<main id=\"main\">" + environment + body + "</main></div>");
    }

    /** A page without the signed-in chrome (sign-in, sign-up, refused forms). */
    public String bare(String title, String body) {
        return document(title, "<main class=\"narrow\" id=\"main\"><p class=\"brand brand-center\">OpenTSS "
                + "<span>HUB</span></p><div class=\"card\">" + body + "</div></main>");
    }

    /**
     * The page for an address with nothing the user may see: unknown paths and other organizations'
     * resources get the same page, so that neither tells which ids exist.
     */
    public String notFound() {
        return bare("Not found", "<h1>Page not found</h1><p>There is no HUB page at this address.</p>"
                + "<p><a href=\"/hub\">Go to the overview</a></p>");
    }

    private static String switcher(HubContext ctx) {
        if (ctx.organization().isEmpty()) {
            return "<span class=\"switcher\"></span>";
        }
        StringBuilder options = new StringBuilder();
        for (Organization org : ctx.visible()) {
            options.append("<option value=\"").append(Html.esc(org.id())).append('"')
                    .append(org.id().equals(ctx.org().id()) ? " selected" : "").append('>')
                    .append(Html.esc(org.name())).append("</option>");
        }
        StringBuilder envs = new StringBuilder();
        for (Environment env : Environment.values()) {
            envs.append("<option value=\"").append(env.name()).append('"')
                    .append(env == ctx.env() ? " selected" : "").append('>').append(env.name()).append("</option>");
        }
        return "<form class=\"switcher\" method=\"post\" action=\"/hub/switch\" data-autosubmit>"
                + Html.csrfField(ctx.csrf())
                + "<label for=\"switch-org\">Organization</label><select id=\"switch-org\" name=\"organization\">"
                + options + "</select>"
                + "<label for=\"switch-env\">Environment</label><select id=\"switch-env\" name=\"env\">" + envs
                + "</select><button type=\"submit\" class=\"secondary small\">Show</button></form>";
    }

    private static String document(String title, String body) {
        return "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                + "<title>" + Html.esc(title) + " · OpenTSS HUB</title>"
                + "<link rel=\"stylesheet\" href=\"/hub/assets/hub.css\">"
                + "<script src=\"/hub/assets/hub.js\" defer></script></head>"
                + "<body><a class=\"skip\" href=\"#main\">Skip to content</a>" + body + "</body></html>";
    }
}
