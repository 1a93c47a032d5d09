package org.opentss.http;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;

/**
 * The hand-written OpenAPI files ({@code /openapi/sign-de-v2.yaml}, {@code /openapi/pos-v1.yaml}) and an
 * interactive browser for them at {@code /docs}, built from the Swagger UI webjar (sign-de-v2.md §13.1).
 */
public final class ApiDocsService implements HttpService {

    /** A served OpenAPI document: the file under {@code openapi/} and the name the docs page shows. */
    private record Document(String file, String name) {
        String path() {
            return "/openapi/" + file;
        }
    }

    /** The documents, in the order of the docs page's selector; the first is shown first. */
    private static final List<Document> DOCUMENTS = List.of(
            new Document("sign-de-v2.yaml", "TSS API (SIGN DE v2)"),
            new Document("pos-v1.yaml", "POS API (v1)"));

    /** The Swagger UI files the docs page loads, with their media types. */
    private static final Map<String, String> ASSETS = Map.of(
            "swagger-ui.css", "text/css; charset=utf-8",
            "swagger-ui-bundle.js", "text/javascript; charset=utf-8",
            "swagger-ui-standalone-preset.js", "text/javascript; charset=utf-8",
            "favicon-32x32.png", "image/png");

    private static final String DOCS_PAGE = """
            <!DOCTYPE html>
            <html lang="en">
            <head>
              <meta charset="utf-8">
              <title>OpenTSS API</title>
              <link rel="stylesheet" href="/docs/swagger-ui.css">
              <link rel="icon" type="image/png" href="/docs/favicon-32x32.png">
            </head>
            <body>
              <div id="swagger-ui"></div>
              <script src="/docs/swagger-ui-bundle.js"></script>
              <script src="/docs/swagger-ui-standalone-preset.js"></script>
              <script>
                window.ui = SwaggerUIBundle({
                  urls: [%s],
                  dom_id: "#swagger-ui",
                  deepLinking: true,
                  presets: [SwaggerUIBundle.presets.apis, SwaggerUIStandalonePreset],
                  layout: "StandaloneLayout"
                });
              </script>
            </body>
            </html>
            """.formatted(DOCUMENTS.stream()
                    .map(d -> "{url: \"" + d.path() + "\", name: \"" + d.name() + "\"}")
                    .collect(Collectors.joining(", ")));

    private final String assetRoot = "META-INF/resources/webjars/swagger-ui/" + swaggerUiVersion() + "/";

    @Override
    public void routing(HttpRules rules) {
        for (Document document : DOCUMENTS) {
            rules.get(document.path(), (req, res) -> openApi(res, document));
        }
        rules.get("/docs", this::page)
                .get("/docs/{file}", this::asset);
    }

    private static void openApi(ServerResponse res, Document document) {
        res.header(HeaderNames.CONTENT_TYPE, "application/yaml; charset=utf-8");
        res.send(resource("openapi/" + document.file()));
    }

    private void page(ServerRequest req, ServerResponse res) {
        res.header(HeaderNames.CONTENT_TYPE, "text/html; charset=utf-8");
        res.send(DOCS_PAGE.getBytes(StandardCharsets.UTF_8));
    }

    private void asset(ServerRequest req, ServerResponse res) {
        String file = req.path().pathParameters().get("file");
        String mediaType = ASSETS.get(file);
        if (mediaType == null) {
            res.next(); // not an asset: falls through to the 404 route
            return;
        }
        res.header(HeaderNames.CONTENT_TYPE, mediaType);
        res.header(HeaderNames.CACHE_CONTROL, "public, max-age=86400");
        res.send(resource(assetRoot + file));
    }

    private static byte[] resource(String name) {
        try (InputStream in = ApiDocsService.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String swaggerUiVersion() {
        Properties properties = new Properties();
        try (InputStream in = ApiDocsService.class.getClassLoader()
                .getResourceAsStream("META-INF/maven/org.webjars/swagger-ui/pom.properties")) {
            if (in == null) {
                throw new IllegalStateException("the Swagger UI webjar is not on the class path");
            }
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties.getProperty("version");
    }
}
