package org.opentss.http;

import io.helidon.webserver.http.ServerRequest;
import java.util.List;
import org.opentss.identity.Environment;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** The envelope of SIGN DE resources and lists (sign-de-v2.md §1.3, §1.8). */
public final class SignDe {

    /** The SIGN DE API version OpenTSS implements, not the OpenTSS release. */
    public static final String VERSION = "2.2.2";

    private SignDe() {
    }

    /** Adds {@code _id}, {@code _type}, {@code _env} and {@code _version} to a resource being rendered. */
    public static void envelope(ObjectNode node, String id, String type, Environment env) {
        node.put("_id", id);
        node.put("_type", type);
        node.put("_env", env.name());
        node.put("_version", VERSION);
    }

    /** {@code {"data": […], "count": n, "_type": …, "_env": …, "_version": "2.2.2"}}. */
    public static ObjectNode list(String type, Environment env, List<? extends JsonNode> items) {
        ObjectNode body = Json.object();
        ArrayNode data = body.putArray("data");
        items.forEach(data::add);
        body.put("count", items.size());
        body.put("_type", type);
        body.put("_env", env.name());
        body.put("_version", VERSION);
        return body;
    }

    /** A path id of the SIGN DE API, checked for UUID form and lower-cased (§1.4). */
    public static String pathId(ServerRequest req, String name) {
        return JsonInput.uuid(req.path().pathParameters().get(name), "params/" + name);
    }
}
