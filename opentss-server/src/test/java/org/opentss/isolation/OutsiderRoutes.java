package org.opentss.isolation;

import static org.opentss.isolation.OutsiderAnswer.CLIENT_CONFLICT;
import static org.opentss.isolation.OutsiderAnswer.CLIENT_NOT_FOUND;
import static org.opentss.isolation.OutsiderAnswer.DUPLICATE_EXPORT;
import static org.opentss.isolation.OutsiderAnswer.EXPORT_NOT_FOUND;
import static org.opentss.isolation.OutsiderAnswer.LIST_WITHOUT_THEM;
import static org.opentss.isolation.OutsiderAnswer.LOGIN_FAILED;
import static org.opentss.isolation.OutsiderAnswer.TSS_CONFLICT;
import static org.opentss.isolation.OutsiderAnswer.TSS_NOT_FOUND;
import static org.opentss.isolation.OutsiderAnswer.TX_NOT_FOUND;

import java.util.List;
import java.util.Optional;

/**
 * Every route of {@code /api/v2}, and the login of {@code /api/v0} (its other routes: {@code ManagementApiIT}),
 * with what a caller of another tenant gets when the route names the victim's resources. Bodies are valid, so
 * that the visibility check decides (§1.9 step 6), and each would change the victim's state were it let
 * through: the victim's real PUK and PIN, a cancellation of its ACTIVE transaction, of its PENDING export.
 */
final class OutsiderRoutes {

    /**
     * @param template the path and query, placeholders for ids
     * @param onTheirTss the answer when the path names the victim's TSS (or, without {@code {tss}}, nothing)
     * @param onOwnTss the answer when the path names the caller's own TSS and the victim's sub-resource
     */
    record Route(String method, String template, String body, OutsiderAnswer onTheirTss,
            Optional<OutsiderAnswer> onOwnTss) {

        @Override
        public String toString() {
            return method + " " + template;
        }
    }

    private static final String TSS = "/api/v2/tss/{tss}";
    private static final String CLIENT = TSS + "/client/{client}";
    private static final String TX = TSS + "/tx/{tx}";
    private static final String EXPORT = TSS + "/export/{export}";
    private static final String LOGIN = "{\"api_key\":\"{key}\",\"api_secret\":\"{secret}\"}";
    private static final String METADATA = "{\"intruder\":\"was here\"}";

    static final List<Route> ALL = List.of(
            route("POST", "/api/v2/auth", LOGIN, LOGIN_FAILED),
            route("POST", "/api/v0/auth", LOGIN, LOGIN_FAILED),

            route("PUT", TSS, "{}", TSS_CONFLICT),
            route("GET", TSS, "", TSS_NOT_FOUND),
            route("PATCH", TSS, "{\"state\":\"DISABLED\"}", TSS_NOT_FOUND),
            route("GET", "/api/v2/tss", "", LIST_WITHOUT_THEM),
            route("GET", TSS + "/metadata", "", TSS_NOT_FOUND),
            route("PATCH", TSS + "/metadata", METADATA, TSS_NOT_FOUND),

            route("PATCH", TSS + "/admin", "{\"admin_puk\":\"{puk}\",\"new_admin_pin\":\"654321\"}", TSS_NOT_FOUND),
            route("POST", TSS + "/admin/auth", "{\"admin_pin\":\"{pin}\"}", TSS_NOT_FOUND),
            route("POST", TSS + "/admin/logout", "{}", TSS_NOT_FOUND),

            route("PUT", CLIENT, "{\"serial_number\":\"INTRUDER-1\"}", TSS_NOT_FOUND, CLIENT_CONFLICT),
            route("PATCH", CLIENT, "{\"state\":\"DEREGISTERED\"}", TSS_NOT_FOUND, CLIENT_NOT_FOUND),
            route("GET", CLIENT, "", TSS_NOT_FOUND, CLIENT_NOT_FOUND),
            route("GET", CLIENT + "/metadata", "", TSS_NOT_FOUND, CLIENT_NOT_FOUND),
            route("PATCH", CLIENT + "/metadata", METADATA, TSS_NOT_FOUND, CLIENT_NOT_FOUND),
            route("GET", TSS + "/client", "", TSS_NOT_FOUND, LIST_WITHOUT_THEM),
            route("GET", "/api/v2/client", "", LIST_WITHOUT_THEM),

            // on the caller's own TSS the victim's tx id is merely a new one (tx ids are unique per TSS, §1.4)
            route("PUT", TX + "?tx_revision=2", "{\"state\":\"CANCELLED\",\"client_id\":\"{client}\"}", TSS_NOT_FOUND),
            route("GET", TX, "", TSS_NOT_FOUND, TX_NOT_FOUND),
            route("GET", TX + "/log", "", TSS_NOT_FOUND, TX_NOT_FOUND),
            route("GET", TX + "/metadata", "", TSS_NOT_FOUND, TX_NOT_FOUND),
            route("PATCH", TX + "/metadata", METADATA, TSS_NOT_FOUND, TX_NOT_FOUND),
            route("GET", TSS + "/tx", "", TSS_NOT_FOUND, LIST_WITHOUT_THEM),
            route("GET", CLIENT + "/tx", "", TSS_NOT_FOUND, CLIENT_NOT_FOUND),
            route("GET", "/api/v2/tx", "", LIST_WITHOUT_THEM),

            route("PUT", EXPORT, "", TSS_NOT_FOUND, DUPLICATE_EXPORT),
            route("GET", EXPORT, "", TSS_NOT_FOUND, EXPORT_NOT_FOUND),
            route("DELETE", EXPORT, "", TSS_NOT_FOUND, EXPORT_NOT_FOUND),
            route("GET", EXPORT + "/file", "", TSS_NOT_FOUND, EXPORT_NOT_FOUND),
            route("GET", EXPORT + "/metadata", "", TSS_NOT_FOUND, EXPORT_NOT_FOUND),
            route("PATCH", EXPORT + "/metadata", METADATA, TSS_NOT_FOUND, EXPORT_NOT_FOUND),
            route("GET", TSS + "/export", "", TSS_NOT_FOUND, LIST_WITHOUT_THEM),
            route("GET", "/api/v2/export", "", LIST_WITHOUT_THEM));

    private OutsiderRoutes() {
    }

    private static Route route(String method, String template, String body, OutsiderAnswer onTheirTss) {
        return new Route(method, template, body, onTheirTss, Optional.empty());
    }

    private static Route route(String method, String template, String body, OutsiderAnswer onTheirTss,
            OutsiderAnswer onOwnTss) {
        return new Route(method, template, body, onTheirTss, Optional.of(onOwnTss));
    }
}
