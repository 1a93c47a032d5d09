package org.opentss.http;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * One member of a request body as the specs define it: a valid value to build a well-formed body from, and
 * values the specs certainly refuse in its place. Objects and arrays of objects hold their own members, so a
 * mutation can reach deep into a body; a {@code closed} object refuses members it does not know (every POS
 * API object, pos-api.md §3.2; in the SIGN DE API only the few of sign-de-v2.md §1.2).
 *
 * @param invalid values certainly refused in this member's place; JSON {@code null} is among them unless the
 *         member is nullable
 * @param members the members of an object, or of the one item of an array of objects; empty for scalars
 */
record BodyRule(String name, boolean required, JsonNode valid, List<JsonNode> invalid, List<BodyRule> members,
        boolean closed) {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    /** A code point outside the BMP: two UTF-16 units, one character by the specs' count (§1.2). */
    private static final String UNICORN = "\uD83E\uDD84";
    private static final BigInteger HUGE = BigInteger.TEN.pow(40);

    /** A string of {@code min}–{@code max} code points; too short, too long or not a string is refused. */
    static BodyRule text(String name, String valid, int min, int max) {
        List<JsonNode> invalid = new ArrayList<>(notA("string"));
        if (min > 0) {
            invalid.add(NODES.stringNode(""));
        }
        if (max < 100_000) {
            invalid.add(NODES.stringNode("x".repeat(max + 1)));
            invalid.add(NODES.stringNode(UNICORN.repeat(max + 1)));
            invalid.add(NODES.stringNode("\u202Eevil\u200B".repeat(max / 5 + 1)));
        }
        return scalar(name, NODES.stringNode(valid), invalid);
    }

    /** A string of a fixed form: the examples break it, and so does any other type. */
    static BodyRule pattern(String name, String valid, String... refused) {
        return scalar(name, NODES.stringNode(valid),
                Stream.concat(notA("string").stream(), Stream.of(refused).map(NODES::stringNode)).toList());
    }

    /** One of {@code allowed}, matched exactly. */
    static BodyRule choice(String name, String valid, String... allowed) {
        List<JsonNode> invalid = new ArrayList<>(notA("string"));
        for (String value : allowed) {
            Stream.of(value.toLowerCase() + "X", " " + value, value + "\u200B", value.replace('I', '\u0130'))
                    .filter(v -> !List.of(allowed).contains(v)).map(NODES::stringNode).forEach(invalid::add);
        }
        invalid.add(NODES.stringNode(""));
        return scalar(name, NODES.stringNode(valid), invalid);
    }

    /** A UUID in the form 8-4-4-4-12 (sign-de-v2.md §1.4, pos-api.md §3.3). */
    static BodyRule uuid(String name, String valid) {
        return pattern(name, valid, valid.substring(1), valid + "0", valid.replace("-", ""), "{" + valid + "}",
                valid.replace('a', 'g').replace('0', 'z') + "g", "\u0661\u0662\u0663", "00000000-0000-0000-0000-00000000000");
    }

    /** A JSON integer from {@code min} to {@code max}. */
    static BodyRule integer(String name, long valid, long min, long max) {
        List<JsonNode> invalid = new ArrayList<>(notA("number"));
        invalid.add(NODES.numberNode(BigInteger.valueOf(min).subtract(BigInteger.ONE)));
        invalid.add(NODES.numberNode(BigInteger.valueOf(max).add(BigInteger.ONE)));
        invalid.add(NODES.numberNode(HUGE));
        invalid.add(NODES.numberNode(HUGE.negate()));
        invalid.add(NODES.numberNode(1.5));
        invalid.add(NODES.stringNode(Long.toString(valid)));
        return scalar(name, NODES.numberNode(valid), invalid);
    }

    static BodyRule bool(String name, boolean valid) {
        return scalar(name, NODES.booleanNode(valid), List.of(NODES.stringNode("true"), NODES.numberNode(1),
                NODES.stringNode("yes"), NODES.arrayNode(), NODES.nullNode()));
    }

    /** Caller metadata (sign-de-v2.md §11, pos-api.md §3.6): at most 40 keys of 1–40, values of up to 500. */
    static BodyRule metadata() {
        List<JsonNode> invalid = new ArrayList<>(notA("object"));
        Stream.of(NODES.numberNode(1), NODES.booleanNode(true), NODES.objectNode(), NODES.arrayNode())
                .map(value -> map("order", value)).forEach(invalid::add);
        invalid.add(map("", NODES.stringNode("v")));
        invalid.add(map("k".repeat(41), NODES.stringNode("v")));
        invalid.add(map(UNICORN.repeat(41), NODES.stringNode("v")));
        invalid.add(map("order", NODES.stringNode("v".repeat(501))));
        invalid.add(map("order", NODES.stringNode(UNICORN.repeat(501))));
        ObjectNode tooMany = NODES.objectNode();
        for (int i = 0; i <= 40; i++) {
            tooMany.put("key" + i, "v");
        }
        invalid.add(tooMany);
        return new BodyRule("metadata", false, map("order", NODES.stringNode("4711")), invalid, List.of(), false);
    }

    static BodyRule object(String name, boolean closed, BodyRule... members) {
        return new BodyRule(name, true, build(List.of(members)), notA("object"), List.of(members), closed);
    }

    /** An array of objects: its one valid item has all {@code members}. */
    static BodyRule array(String name, boolean closed, BodyRule... members) {
        ArrayNode valid = NODES.arrayNode().add(build(List.of(members)));
        List<JsonNode> invalid = new ArrayList<>(notA("array"));
        invalid.add(NODES.arrayNode().add("item"));
        invalid.add(NODES.arrayNode().add(NODES.arrayNode()));
        return new BodyRule(name, true, valid, invalid, List.of(members), closed);
    }

    BodyRule optional() {
        return new BodyRule(name, false, valid, invalid, members, closed);
    }

    /** {@code null} is allowed here (it clears the member). */
    BodyRule nullable() {
        return new BodyRule(name, required, valid, invalid.stream().filter(v -> !v.isNull()).toList(), members,
                closed);
    }

    /** An object with every member at its valid value, optional ones included, so mutations reach them all. */
    static ObjectNode build(List<BodyRule> members) {
        ObjectNode node = NODES.objectNode();
        members.forEach(member -> node.set(member.name(), member.valid().deepCopy()));
        return node;
    }

    private static BodyRule scalar(String name, JsonNode valid, List<JsonNode> invalid) {
        return new BodyRule(name, true, valid, List.copyOf(invalid), List.of(), false);
    }

    /** Values of every JSON type but {@code type}, {@code null} included. */
    private static List<JsonNode> notA(String type) {
        List<JsonNode> values = new ArrayList<>(List.of(NODES.nullNode(), NODES.booleanNode(false)));
        if (!type.equals("string")) {
            values.add(NODES.stringNode("1"));
        }
        if (!type.equals("number")) {
            values.add(NODES.numberNode(7));
        }
        if (!type.equals("array")) {
            values.add(NODES.arrayNode().add(1));
        }
        if (!type.equals("object")) {
            values.add(NODES.objectNode().put("a", "b"));
        }
        return values;
    }

    private static ObjectNode map(String key, JsonNode value) {
        ObjectNode node = NODES.objectNode();
        node.set(key, value);
        return node;
    }
}
