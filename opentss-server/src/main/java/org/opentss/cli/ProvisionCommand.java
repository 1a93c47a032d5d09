package org.opentss.cli;

import java.io.PrintStream;
import java.net.URI;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import org.opentss.http.Json;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code opentss provision}: the whole getting-started flow of the SIGN DE API (sign-de-v2.md §14 Part A,
 * up to the first transaction) in one command, over HTTP, so it works against any OpenTSS or
 * fiskaly-compatible server: a new TSS ends {@code INITIALIZED} with its admin PIN set and one
 * {@code REGISTERED} client, ready to sign.
 *
 * <p>Progress goes to standard error, the result to standard output. The API secret, the PIN and the
 * tokens never appear in progress or error output; the PIN is printed only in the result, and only
 * when this command generated it.
 */
@Command(name = "provision", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Create a TSS that is ready to sign, with one client, over the SIGN DE API v2 of an OpenTSS "
                    + "(or fiskaly-compatible) server: log in, create the TSS, personalize it, set the admin PIN "
                    + "with the PUK, log in as admin, initialize the TSS, create the client, log out.",
            "",
            "Prints the TSS id, TSS serial number, client id, client serial number and the admin PUK. "
                    + "The PUK is shown only this once: the server keeps only a hash of it. Store it safely; "
                    + "it is the only way to set a new admin PIN.",
            "",
            "Without --pin a random 10-digit admin PIN is generated and printed with the result, so that you "
                    + "can log in as admin later (POST /api/v2/tss/{tss_id}/admin/auth); store it with the PUK. "
                    + "A PIN given with --pin is never printed.",
            "",
            "The API secret can be given in the environment variable OPENTSS_API_SECRET instead of "
                    + "--api-secret, so that it does not end up in the shell history or the process list.",
            "",
            "Progress goes to standard error, one line per step; the result to standard output. "
                    + "Exit codes: 0 provisioned; 1 a step failed (the step, HTTP status and the server's "
                    + "error code and message are printed); 2 usage error.",
            ""
        },
        footer = {
            "",
            "Example:",
            "  export OPENTSS_API_SECRET=...",
            "  opentss provision --url http://localhost:8080 --api-key test_..._bistrolinde \\",
            "      --client-serial KASSE-01 --json"
        })
public final class ProvisionCommand implements Callable<Integer> {

    /** Where the API secret is read from when {@code --api-secret} is absent. */
    public static final String SECRET_ENVIRONMENT_VARIABLE = "OPENTSS_API_SECRET";

    static final String DEFAULT_CLIENT_SERIAL = "KASSE-01";

    /** sign-de-v2.md §7.2: the published pattern without {@code /}, 1–70 characters, no outer whitespace. */
    private static final Pattern CLIENT_SERIAL = Pattern.compile("(?!\\s)[A-Za-z0-9 '()+,\\-.:=?]{1,70}(?<!\\s)");

    private static final int STEPS = 8;
    private static final SecureRandom RANDOM = new SecureRandom();

    @Spec
    CommandSpec spec;

    @Option(names = "--url", required = true, paramLabel = "URL",
            description = "Server URL, e.g. http://localhost:8080 (a trailing / and /api/v2 are optional).")
    String url;

    @Option(names = "--api-key", required = true, paramLabel = "KEY", description = "API key (api_key).")
    String apiKey;

    @Option(names = "--api-secret", paramLabel = "SECRET",
            description = "API secret (api_secret). If absent, it is read from the environment variable "
                    + SECRET_ENVIRONMENT_VARIABLE + ".")
    String apiSecret;

    @Option(names = "--pin", paramLabel = "PIN",
            description = "Admin PIN to set, 6-64 characters. If absent, a random 10-digit PIN is generated and "
                    + "printed with the result.")
    String pin;

    @Option(names = "--client-serial", paramLabel = "SERIAL", defaultValue = DEFAULT_CLIENT_SERIAL,
            description = "Serial number of the client (the cash register), 1-70 characters of A-Z a-z 0-9, space "
                    + "and ' ( ) + , - . : = ? (default ${DEFAULT-VALUE}).")
    String clientSerial;

    @Option(names = "--json", description = "Print the result as exactly one JSON object.")
    boolean json;

    /** Values that must never reach standard error: secret, PIN, tokens. */
    private final List<String> secrets = new ArrayList<>();

    @Override
    public Integer call() {
        LogSetup.quiet();
        URI base;
        try {
            base = SignDeClient.apiBase(url);
        } catch (IllegalArgumentException e) {
            throw usage(e.getMessage());
        }
        if (apiKey.isBlank()) {
            throw usage("--api-key must not be empty");
        }
        String secret = apiSecret != null ? apiSecret : System.getenv(SECRET_ENVIRONMENT_VARIABLE);
        if (secret == null || secret.isEmpty()) {
            throw usage("give the API secret with --api-secret or in the environment variable "
                    + SECRET_ENVIRONMENT_VARIABLE);
        }
        if (!CLIENT_SERIAL.matcher(clientSerial).matches()) {
            throw usage("--client-serial must have 1 to 70 characters of A-Z a-z 0-9, space and ' ( ) + , - . : = ?, "
                    + "with no space at either end (got '" + clientSerial + "')");
        }
        boolean pinGenerated = pin == null;
        String adminPin = pinGenerated ? generatePin() : pin;
        if (!pinGenerated) {
            checkPin(adminPin);
        }
        secrets.add(secret);
        secrets.add(adminPin);

        String version = ProvisionCommand.class.getPackage().getImplementationVersion();
        SignDeClient client = new SignDeClient(base, "opentss-provision/" + (version == null ? "dev" : version));
        Progress progress = new Progress(System.err);
        String tssId = UUID.randomUUID().toString();
        String clientId = UUID.randomUUID().toString();
        String tssPath = "/tss/" + tssId;
        String puk = null;
        String tssState = null;
        try {
            progress.step("log in with the API key " + apiKey);
            JsonNode login = client.login(apiKey, secret);
            secrets.add(client.accessToken());
            secrets.add(SignDeClient.text(login.path("refresh_token")));

            progress.step("create the TSS " + tssId);
            JsonNode created = client.put(tssPath, Json.object());
            puk = SignDeClient.text(created.path("admin_puk"));
            if (puk.isEmpty()) {
                throw new SignDeClient.Failure(200, "", "the answer has no admin_puk (was TSS " + tssId
                        + " created before?)");
            }
            tssState = "CREATED";
            String tssSerial = SignDeClient.text(created.path("serial_number"));

            progress.step("personalize the TSS (state UNINITIALIZED)");
            client.patch(tssPath, Json.object().put("state", "UNINITIALIZED"));
            tssState = "UNINITIALIZED";

            progress.step("set the admin PIN with the PUK");
            client.patch(tssPath + "/admin", Json.object().put("admin_puk", puk).put("new_admin_pin", adminPin));

            progress.step("log in as admin with the PIN");
            client.post(tssPath + "/admin/auth", Json.object().put("admin_pin", adminPin));

            progress.step("initialize the TSS (state INITIALIZED)");
            JsonNode initialized = client.patch(tssPath, Json.object().put("state", "INITIALIZED"));
            tssState = "INITIALIZED";

            progress.step("create the client " + clientId + " with serial number " + clientSerial);
            JsonNode registered = client.put(tssPath + "/client/" + clientId,
                    Json.object().put("serial_number", clientSerial));

            progress.step("log out the admin");
            client.post(tssPath + "/admin/logout", Json.object());

            JsonNode claims = login.path("access_token_claims");
            ObjectNode result = Json.object()
                    .put("tss_id", tssId)
                    .put("tss_serial_number", tssSerial)
                    .put("tss_state", text(initialized, "state", "INITIALIZED"))
                    .put("client_id", clientId)
                    .put("client_serial_number", clientSerial)
                    .put("client_state", text(registered, "state", "REGISTERED"))
                    .put("admin_puk", puk)
                    .put("admin_pin_set", true)
                    .put("admin_pin_generated", pinGenerated);
            if (pinGenerated) {
                result.put("admin_pin", adminPin);
            }
            result.put("env", SignDeClient.text(claims.path("env")))
                    .put("organization_id", SignDeClient.text(claims.path("organization_id")))
                    .put("api_url", base.toString());
            print(result, pinGenerated);
            return 0;
        } catch (SignDeClient.Failure failure) {
            reportFailure(progress, failure, tssId, tssState, puk);
            return 1;
        }
    }

    private void print(ObjectNode result, boolean pinGenerated) {
        PrintStream out = System.out;
        if (json) {
            out.println(Json.writeString(result));
            return;
        }
        out.println("The TSS is INITIALIZED and its client REGISTERED: ready to sign transactions.");
        out.println("TSS id:               " + result.get("tss_id").asString());
        out.println("TSS serial number:    " + result.get("tss_serial_number").asString());
        out.println("client id:            " + result.get("client_id").asString());
        out.println("client serial number: " + result.get("client_serial_number").asString());
        out.println("admin PUK:            " + result.get("admin_puk").asString());
        if (pinGenerated) {
            out.println("admin PIN:            " + result.get("admin_pin").asString() + "  (generated)");
        } else {
            out.println("admin PIN:            set to the PIN given with --pin (not shown)");
        }
        out.println("The admin PUK is shown only this once: the server keeps only a hash of it. Store it safely;"
                + " it is the only way to set a new admin PIN.");
        if (pinGenerated) {
            out.println("Store the admin PIN as well: you need it to log in as admin (clients, disabling the TSS).");
        }
    }

    private void reportFailure(Progress progress, SignDeClient.Failure failure, String tssId, String tssState,
            String puk) {
        StringBuilder what = new StringBuilder();
        if (failure.status() > 0) {
            what.append("HTTP ").append(failure.status());
            if (!failure.code().isEmpty()) {
                what.append(' ').append(failure.code());
            }
            what.append(": ");
        }
        what.append(failure.getMessage().isEmpty() ? "(no message)" : failure.getMessage());
        if (progress.current() == 1 && failure.status() == 401) {
            what.append(" (check the API key and the API secret)");
        }
        PrintStream err = System.err;
        err.println("opentss provision: step " + progress.current() + "/" + STEPS + " (" + progress.name()
                + ") failed: " + redact(what.toString()));
        if (tssState != null) {
            // the PUK is the only key to a half-provisioned TSS; losing it here would strand the TSS
            err.println("opentss provision: TSS " + tssId + " was created and was last seen in state " + tssState
                    + "; its admin PUK is " + puk + " (shown only here). With the PUK you can set a new admin PIN "
                    + "and finish by hand, or provision a new TSS.");
        }
    }

    /** Removes the secret, the PIN and the tokens from text that came from elsewhere (server, exceptions). */
    private String redact(String text) {
        String redacted = text;
        for (String secret : secrets) {
            // very short values (a mistyped secret "x") would only garble the message; PINs have 6 or more
            if (secret != null && secret.length() >= 6) {
                redacted = redacted.replace(secret, "***");
            }
        }
        return redacted;
    }

    private static String text(JsonNode node, String field, String fallback) {
        String value = SignDeClient.text(node.path(field));
        return value.isEmpty() ? fallback : value;
    }

    /** 10 random decimal digits, leading zeros allowed, like the PUK. */
    static String generatePin() {
        return String.format("%010d", RANDOM.nextLong(10_000_000_000L));
    }

    /** sign-de-v2.md §5.1, checked before anything is created so that a bad PIN cannot strand a new TSS. */
    private void checkPin(String value) {
        int length = value.codePointCount(0, value.length());
        if (length < 6 || length > 64) {
            throw usage("--pin must have 6 to 64 characters");
        }
        if (value.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            throw usage("--pin must not contain control characters");
        }
    }

    private ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }

    /** One line per step on standard error: {@code [4/8] set the admin PIN with the PUK}. */
    private static final class Progress {

        private final PrintStream err;
        private int current;
        private String name = "";

        Progress(PrintStream err) {
            this.err = err;
        }

        void step(String description) {
            current++;
            name = description;
            err.println("[" + current + "/" + STEPS + "] " + description);
        }

        int current() {
            return current;
        }

        String name() {
            return name;
        }
    }
}
