package org.opentss.http;

import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.opentss.testing.HttpApi;
import org.opentss.testing.HttpResult;

/**
 * One generated request and the defect that makes the specs refuse it.
 *
 * @param index its number in the run: with the seed it regenerates the request
 * @param path the raw path, percent-encoded where needed
 * @param query the raw query without {@code ?}; empty for none
 * @param body the bytes to send, or {@code null} for none
 */
record HostileRequest(int index, MalformedRequests.Defect defect, String method, String path, String query,
        List<Map.Entry<String, String>> headers, byte[] body) {

    HttpResult send(HttpApi api) {
        HttpRequest.Builder request = HttpRequest.newBuilder(api.uri(query.isEmpty() ? path : path + "?" + query))
                .timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(header -> request.header(header.getKey(), header.getValue()));
        return api.send(request);
    }

    /** For failure messages: what was sent, the body cut short. */
    @Override
    public String toString() {
        String text = body == null ? "" : new String(body, StandardCharsets.UTF_8);
        String shown = text.length() > 300 ? text.substring(0, 300) + "…(" + body.length + " bytes)" : text;
        String target = path.length() > 200 ? path.substring(0, 200) + "…" : path;
        return "#" + index + " " + defect + ": " + method + " " + target + (query.isEmpty() ? "" : "?" + query) + " "
                + headers.stream().map(h -> h.getKey() + "=" + abbreviate(h.getValue())).toList() + " " + shown;
    }

    private static String abbreviate(String value) {
        return value.length() > 40 ? value.substring(0, 40) + "…" : value;
    }
}
