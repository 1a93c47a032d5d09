package org.opentss.hub;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * The HUB's stylesheet and script, served by OpenTSS itself (no CDN), and the HUB's own page for a path
 * it does not know.
 */
public final class HubAssets implements HttpService {

    private static final Map<String, String> TYPES = Map.of(
            "hub.css", "text/css; charset=utf-8",
            "hub.js", "text/javascript; charset=utf-8");

    private final Map<String, byte[]> assets;
    private final HubLayout layout;

    public HubAssets(HubLayout layout) {
        this.layout = layout;
        this.assets = Map.of("hub.css", load("hub.css"), "hub.js", load("hub.js"));
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/hub/assets/{name}", this::asset);
    }

    /** To register after every HUB page, so that unknown HUB paths get a page rather than a JSON error. */
    public HttpService notFoundPage() {
        return rules -> rules.any("/hub/*", (req, res) -> HubReply.html(res, 404, layout.notFound()));
    }

    private void asset(ServerRequest req, ServerResponse res) {
        String name = req.path().pathParameters().get("name");
        byte[] content = assets.get(name);
        if (content == null) {
            res.status(404).send();
            return;
        }
        res.header(HeaderNames.CONTENT_TYPE, TYPES.get(name));
        res.header(HeaderNames.CACHE_CONTROL, "public, max-age=300");
        res.header("X-Content-Type-Options", "nosniff");
        res.send(content);
    }

    private static byte[] load(String name) {
        try (InputStream in = HubAssets.class.getResourceAsStream("/hub/" + name)) {
            if (in == null) {
                throw new IllegalStateException("HUB asset " + name + " is missing from the jar");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
