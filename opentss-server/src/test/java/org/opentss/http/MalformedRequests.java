package org.opentss.http;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.opentss.http.HostileRoute.Auth;
import org.opentss.http.HostileRoute.Body;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * A seeded generator of requests that the specs certainly refuse: each starts from a well-formed request on a
 * real resource with valid credentials and gets one {@link Defect}, so that it travels as deep into the
 * server as that defect allows. Request {@code i} depends only on the seed and {@code i}.
 */
final class MalformedRequests {

    /** What is wrong with a request; each kind has a weight in the draw. */
    enum Defect {
        BROKEN_JSON(10), NOT_AN_OBJECT(6), BAD_UTF8(6), NUL_CHARACTER(6), MEDIA_TYPE(6), OVERSIZED(1), EMPTY_BODY(3),
        FIELD(40), MALFORMED_ID(10), UNKNOWN_ID(8), QUERY(15), BROKEN_AUTH(8), POS_HEADER(8), WRONG_METHOD(4),
        UNKNOWN_ROUTE(3);

        private final int weight;

        Defect(int weight) {
            this.weight = weight;
        }
    }

    private static final Pattern PARAMETER = Pattern.compile("\\{([a-z_]+)}");
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final List<String> METHODS = List.of("GET", "PUT", "POST", "PATCH", "DELETE", "FOO");
    private static final Map<String, String> POS_PREFIXES = Map.of("organization_id", "org", "location_id", "loc",
            "register_id", "reg", "fiscal_unit_id", "fu", "sale_id", "op", "key_id", "key");
    private static final String CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    private static final List<String> BROKEN_JSON_TAILS = List.of("}", ",", ",}", "]", "x", "/* c */", "\u0000");
    private static final List<String> BROKEN_JSON = List.of("{", "{\"a\"", "{\"a\":}", "{\"a\":1,}", "{'a':1}",
            "{a:1}", "{\"a\":NaN}", "{\"a\":01}", "{\"a\":.5}", "{\"a\":1e}", "{\"a\":\"unterminated}",
            "{\"a\":\"bad \\x escape\"}", "{\"a\":tru}", "{\"a\" 1}", "{\"a\":[1,2}",
            "{\"a\":" + "[".repeat(5000) + "]".repeat(5000) + "}", "{\"a\":1" + "9".repeat(2000) + "}");
    private static final List<String> NOT_OBJECTS = List.of("[]", "[{}]", "\"text\"", "42", "true", "null", "  ",
            "-0", "\"\"", "[null]");
    /** Byte sequences that are not UTF-8 (RFC 3629): a lone continuation byte, overlong forms, a surrogate, 0xFF. */
    private static final List<String> BAD_UTF8 = List.of("80", "c0af", "e08080", "eda080", "f4908080", "ff",
            "e282", "fe");
    /** JSON escapes of surrogates without their pair: valid JSON syntax, but no Unicode text (RFC 8259 §8.2). */
    private static final List<String> LONE_SURROGATE_ESCAPES = List.of("\\ud800", "\\uDFFF", "\\udc00\\ud800",
            "a\\ud83d");
    private static final List<String> MEDIA_TYPES = List.of("text/plain", "application/xml",
            "multipart/form-data; boundary=x", "application/jsonx", "text/json", "application/json-patch+json",
            "application/octet-stream", "image/png", "json");
    private static final List<String> EXTRA_MEMBERS = List.of("not_a_field", "_id", "Serial_Number", "state ",
            "\u00e9tat", "__proto__", "constructor", "x".repeat(300));

    private final List<HostileRoute> routes;
    private final HostileTargets targets;
    private final long seed;
    /** The methods each path template has routes for: any other method is a defect. */
    private final Map<String, Set<String>> methodsByTemplate;

    MalformedRequests(List<HostileRoute> routes, HostileTargets targets, long seed) {
        this.routes = List.copyOf(routes);
        this.targets = targets;
        this.seed = seed;
        this.methodsByTemplate = routes.stream().collect(Collectors.groupingBy(HostileRoute::template,
                Collectors.mapping(HostileRoute::method, Collectors.toSet())));
    }

    /** The names of the {@code {parameters}} of a path template, in order. */
    static List<String> parameters(String template) {
        List<String> names = new ArrayList<>();
        Matcher matcher = PARAMETER.matcher(template);
        while (matcher.find()) {
            names.add(matcher.group(1));
        }
        return names;
    }

    HostileRequest generate(int index) {
        Random random = new Random(seed * 1_000_003L + index);
        HostileRoute route = routes.get(random.nextInt(routes.size()));
        return new Draft(route, random).apply(pickDefect(route, random)).build(index);
    }

    private static Defect pickDefect(HostileRoute route, Random random) {
        List<Defect> applicable = Arrays.stream(Defect.values()).filter(d -> applies(d, route)).toList();
        int total = applicable.stream().mapToInt(d -> d.weight).sum();
        int draw = random.nextInt(total);
        for (Defect defect : applicable) {
            draw -= defect.weight;
            if (draw < 0) {
                return defect;
            }
        }
        throw new IllegalStateException("weights");
    }

    private static boolean applies(Defect defect, HostileRoute route) {
        boolean hasBody = route.body() != Body.NONE;
        return switch (defect) {
            case BROKEN_JSON, NOT_AN_OBJECT, BAD_UTF8, NUL_CHARACTER, MEDIA_TYPE, OVERSIZED -> hasBody;
            // /v1 reads an absent body as {} (pos-api.md §3.2), as /api does on its few optional bodies (§1.2)
            case EMPTY_BODY -> route.body() == Body.REQUIRED;
            case FIELD -> hasBody && (!route.members().isEmpty() || route.closed());
            case MALFORMED_ID -> !parameters(route.template()).isEmpty();
            case UNKNOWN_ID -> !parameters(route.template()).isEmpty() && !route.creates();
            case QUERY -> !route.badQueries().isEmpty();
            case BROKEN_AUTH -> route.auth() != Auth.NONE;
            case POS_HEADER -> route.auth() == Auth.PLATFORM;
            case WRONG_METHOD, UNKNOWN_ROUTE -> true;
        };
    }

    /** A request being built: well-formed until one defect is applied. */
    private final class Draft {

        private final HostileRoute route;
        private final Random random;
        private final Map<String, String> ids = new LinkedHashMap<>();
        private final Map<String, String> headers = new LinkedHashMap<>();
        private String method;
        private String path;
        private String query;
        private ObjectNode json;
        private byte[] body;
        private Defect defect;

        Draft(HostileRoute route, Random random) {
            this.route = route;
            this.random = random;
            this.method = route.method();
            this.query = route.validQuery();
            route.ids().forEach((name, values) -> ids.put(name, pick(values)));
            switch (route.auth()) {
                case BEARER -> headers.put("Authorization", "Bearer " + targets.token());
                case PLATFORM -> headers.put("Authorization", "Bearer " + targets.platformKey());
                case NONE -> {
                }
            }
            if (route.body() != Body.NONE) {
                json = BodyRule.build(route.members());
                headers.put("Content-Type", "application/json");
            }
        }

        Draft apply(Defect chosen) {
            this.defect = chosen;
            switch (chosen) {
                case BROKEN_JSON -> body = utf8(brokenJson());
                case NOT_AN_OBJECT -> body = utf8(pick(NOT_OBJECTS));
                case BAD_UTF8 -> body = badUtf8();
                case NUL_CHARACTER -> json.put(random.nextBoolean() ? "na\u0000me" : pick(EXTRA_MEMBERS), "a\u0000b");
                case MEDIA_TYPE -> headers.put("Content-Type", pick(MEDIA_TYPES));
                case OVERSIZED -> body = utf8("{\"x\":\"" + "a".repeat(RequestBody.MAX_BYTES) + "\"}");
                case EMPTY_BODY -> body = new byte[0];
                case FIELD -> new FieldMutation(random).apply(json, route.members(), route.closed(), route.isPos());
                case MALFORMED_ID -> replaceId(this::malformedId);
                case UNKNOWN_ID -> replaceId(this::unknownId);
                case QUERY -> query = pick(route.badQueries());
                case BROKEN_AUTH -> brokenAuth();
                case POS_HEADER -> posHeader();
                case WRONG_METHOD -> wrongMethod();
                case UNKNOWN_ROUTE -> path = unknownRoute();
            }
            return this;
        }

        HostileRequest build(int index) {
            if (path == null) {
                path = realPath();
            }
            if (body == null && json != null) {
                body = utf8(json.toString());
            }
            return new HostileRequest(index, defect, method, path, query, List.copyOf(headers.entrySet()), body);
        }

        /** The route's path with the ids drawn so far. */
        private String realPath() {
            String real = route.template();
            for (Map.Entry<String, String> id : ids.entrySet()) {
                real = real.replace("{" + id.getKey() + "}", id.getValue());
            }
            return real;
        }

        private String brokenJson() {
            String valid = json.toString();
            return switch (random.nextInt(3)) {
                case 0 -> valid.substring(0, 1 + random.nextInt(valid.length() - 1)); // cut short
                case 1 -> valid + pick(BROKEN_JSON_TAILS);
                default -> pick(BROKEN_JSON);
            };
        }

        /**
         * The valid body with bytes that are not UTF-8, or an escape that stands for no Unicode text, inside its
         * first string or in a string of its own.
         */
        private byte[] badUtf8() {
            String valid = json.toString();
            int at = valid.indexOf(":\"");
            // a raw U+0001 marks the spot: serialized JSON escapes control characters, so it occurs nowhere else
            byte[] bytes = utf8(at < 0 ? "{\"x\":\"\u0001\"}" : valid.substring(0, at + 2) + "\u0001" + valid.substring(at + 2));
            byte[] bad = random.nextInt(4) == 0 ? utf8(pick(LONE_SURROGATE_ESCAPES))
                    : HexFormat.of().parseHex(pick(BAD_UTF8));
            int marker = 0;
            while (bytes[marker] != 1) {
                marker++;
            }
            byte[] result = new byte[bytes.length - 1 + bad.length];
            System.arraycopy(bytes, 0, result, 0, marker);
            System.arraycopy(bad, 0, result, marker, bad.length);
            System.arraycopy(bytes, marker + 1, result, marker + bad.length, bytes.length - marker - 1);
            return result;
        }

        private void replaceId(UnaryOperator<String> byName) {
            List<String> names = new ArrayList<>(ids.keySet());
            String name = pick(names);
            ids.put(name, byName.apply(name));
        }

        /** Percent-encoded where needed: ids the specs' id forms cannot match (§1.4, pos-api.md §3.3). */
        private String malformedId(String name) {
            String real = ids.get(name);
            List<String> common = List.of("%00", "%FF%FE", "a%20b", "%F0%9F%A6%84", "%D9%A1%D9%A2", "x".repeat(3000),
                    real + "%0A", "%2F", "%252F", real + "x");
            if (name.equals("tx_id_or_number")) {
                return pick(concat(common, List.of("-1", "1.5", "1e3", "0x1", "9007199254740992",
                        "99999999999999999999999", "%2B1", "%201", "abc")));
            }
            String prefix = route.isPos() ? POS_PREFIXES.get(name) : null;
            if (prefix != null) {
                String ulid = ulid();
                return pick(concat(common, List.of(real.substring(1), prefix + "_" + ulid.toLowerCase(), prefix + "_" + ulid.substring(1),
                        (prefix.equals("loc") ? "reg" : "loc") + "_" + ulid, prefix + ulid, prefix + "_" + ulid + "0",
                        prefix + "_8" + ulid.substring(1))));
            }
            String uuid = UUID.randomUUID().toString();
            return pick(concat(common, List.of(real.substring(1), "not-a-uuid", "12345", "%7B" + uuid + "%7D", uuid.replace("-", ""),
                    uuid.substring(0, 35) + "g", uuid + "0")));
        }

        /** Well-formed ids that name nothing. */
        private String unknownId(String name) {
            String uuid = UUID.nameUUIDFromBytes(Long.toString(random.nextLong()).getBytes(StandardCharsets.UTF_8))
                    .toString();
            if (name.equals("tx_id_or_number")) {
                return random.nextBoolean() ? uuid : Integer.toString(1000 + random.nextInt(1_000_000));
            }
            String prefix = route.isPos() ? POS_PREFIXES.get(name) : null;
            if (prefix == null) {
                return random.nextBoolean() ? uuid : uuid.toUpperCase();
            }
            return prefix.equals("op") && random.nextBoolean() ? uuid : prefix + "_" + ulid();
        }

        private void brokenAuth() {
            headers.remove("Authorization");
            String value = route.auth() == Auth.BEARER
                    ? pick(List.of("", "Bearer", "Bearer x.y.z", "Bearer " + targets.token() + "x",
                            "Bearer " + flipped(targets.token()), "Basic dXNlcjpwYXNz", "Token " + targets.token(),
                            "Bearer " + "a".repeat(6000)))
                    : pick(List.of("", "Bearer", "Bearer ofk_platform_test_" + "0".repeat(32),
                            "Bearer " + targets.platformKey() + "x", "Basic dXNlcjpwYXNz", "register"));
            if (value.equals("register")) {
                headers.put("X-Register-Api-Key", "ofk_reg_test_" + "0".repeat(32));
            } else if (!value.isEmpty()) {
                headers.put("Authorization", value);
            }
        }

        private void posHeader() {
            List<Runnable> options = new ArrayList<>();
            options.add(() -> headers.put("X-Register-Api-Key", targets.registerKey()));
            options.add(() -> headers.put("OpenFiskal-Organization", pick(List.of("org_bad", "org_" + ulid(),
                    "loc_" + ulid(), "org_" + ulid().toLowerCase()))));
            if (method.equals("POST")) {
                options.add(() -> headers.put("Idempotency-Key", pick(List.of("x".repeat(256), "a b", "tab\tkey"))));
            }
            if (route.ifMatch()) {
                options.add(() -> headers.put("If-Match", pick(List.of("5", "W/\"1\"", "*", "\"1\", \"2\"", "\"abc\"",
                        "\"999999\""))));
            }
            pick(options).run();
        }

        private void wrongMethod() {
            Set<String> taken = methodsByTemplate.get(route.template());
            method = pick(METHODS.stream().filter(m -> !taken.contains(m)).toList());
            if (json == null && !method.equals("GET") && !method.equals("DELETE")) {
                json = NODES.objectNode();
                headers.put("Content-Type", "application/json");
            }
        }

        private String unknownRoute() {
            String real = realPath();
            return switch (random.nextInt(3)) {
                case 0 -> real + "/" + pick(List.of("x", "_", "%C3%A9", "v2", "..%2F", "admin%00"));
                case 1 -> real.startsWith("/v1/") ? "/v9" + real.substring(3) : real.replaceFirst("^/api/v[02]", "/api/v7");
                default -> real.toUpperCase();
            };
        }

        /** A token whose payload no longer matches its signature. */
        private String flipped(String token) {
            int at = token.indexOf('.') + 5;
            char c = token.charAt(at);
            return token.substring(0, at) + (c == 'A' ? 'B' : 'A') + token.substring(at + 1);
        }

        private String ulid() {
            StringBuilder text = new StringBuilder().append(CROCKFORD.charAt(random.nextInt(8)));
            for (int i = 1; i < 26; i++) {
                text.append(CROCKFORD.charAt(random.nextInt(CROCKFORD.length())));
            }
            return text.toString();
        }

        private <T> T pick(List<T> values) {
            return values.get(random.nextInt(values.size()));
        }
    }

    /**
     * Breaks one member of a well-formed body for certain: a value the specs refuse, a required member left
     * out, or an unknown member where unknown members are refused. Bodies of the SIGN DE API, which ignores
     * unknown members nearly everywhere (§1.2), sometimes also get an extra member that must not rescue them.
     */
    private record FieldMutation(Random random) {

        /** A member of an object being mutated. */
        private record Site(ObjectNode parent, BodyRule rule) {
        }

        void apply(ObjectNode body, List<BodyRule> members, boolean closed, boolean pos) {
            List<Site> sites = new ArrayList<>();
            List<ObjectNode> closedObjects = new ArrayList<>();
            collect(body, members, closed, sites, closedObjects);
            List<Runnable> options = new ArrayList<>();
            for (Site site : sites) {
                options.add(() -> site.parent().set(site.rule().name(), pick(site.rule().invalid()).deepCopy()));
                if (site.rule().required()) {
                    options.add(() -> site.parent().remove(site.rule().name()));
                }
            }
            closedObjects.forEach(object -> options.add(() -> addExtra(object)));
            options.get(random.nextInt(options.size())).run();
            if (!pos && random.nextInt(3) == 0) {
                addExtra(body);
            }
        }

        private void addExtra(ObjectNode object) {
            String name = pick(EXTRA_MEMBERS);
            JsonNode value = pick(List.of(NODES.numberNode(1), NODES.stringNode("x"), NODES.nullNode(),
                    NODES.objectNode(), NODES.arrayNode(), NODES.numberNode(new BigInteger("9".repeat(40)))));
            object.set(object.has(name) ? name + "_" : name, value);
        }

        private static void collect(ObjectNode node, List<BodyRule> members, boolean closed, List<Site> sites,
                List<ObjectNode> closedObjects) {
            if (closed) {
                closedObjects.add(node);
            }
            for (BodyRule member : members) {
                sites.add(new Site(node, member));
                if (!member.members().isEmpty()) {
                    JsonNode value = node.get(member.name());
                    ObjectNode child = (ObjectNode) (value.isArray() ? value.get(0) : value);
                    collect(child, member.members(), member.closed(), sites, closedObjects);
                }
            }
        }

        private <T> T pick(List<T> values) {
            return values.get(random.nextInt(values.size()));
        }
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static List<String> concat(List<String> first, List<String> second) {
        List<String> all = new ArrayList<>(first);
        all.addAll(second);
        return all;
    }
}
