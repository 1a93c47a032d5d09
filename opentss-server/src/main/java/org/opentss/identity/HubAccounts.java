package org.opentss.identity;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.opentss.crypto.PasswordHasher;
import org.opentss.store.Database;
import org.opentss.store.UniqueViolation;

/**
 * HUB accounts: sign-up, the operator's {@code opentss hub-user create}, and sign-in with limited attempts
 * per email address and per client address.
 */
public final class HubAccounts {

    public static final int MIN_PASSWORD_LENGTH = 12;
    private static final int MAX_PASSWORD_LENGTH = 200;
    private static final Pattern EMAIL = Pattern.compile("^[^@\\s\\p{Cntrl}]{1,64}@[^@\\s\\p{Cntrl}]+\\.[^@\\s\\p{Cntrl}]+$");
    private static final char[] PASSWORD_ALPHABET =
            "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789".toCharArray();
    /** Client addresses share attempts: a whole office may sit behind one, so they get more than one email. */
    private static final int ADDRESS_FACTOR = 5;

    private final Database database;
    private final HubUserRepository users;
    private final PasswordHasher hasher;
    private final LoginFailureLimiter perEmail;
    private final LoginFailureLimiter perAddress;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    /** Compared against when the email is unknown, so that the answer takes as long as for a known one. */
    private final String decoyHash;

    public HubAccounts(Database database, HubUserRepository users, PasswordHasher hasher,
            int maxFailuresPerMinute, Clock clock) {
        this.database = database;
        this.users = users;
        this.hasher = hasher;
        this.perEmail = new LoginFailureLimiter(maxFailuresPerMinute, clock);
        this.perAddress = new LoginFailureLimiter(maxFailuresPerMinute * ADDRESS_FACTOR, clock);
        this.clock = clock;
        this.decoyHash = hasher.hash(UUID.randomUUID().toString());
    }

    /** A user created by the operator, with a generated password shown once. */
    public record CreatedUser(HubUser user, String password) {
        @Override
        public String toString() {
            return "CreatedUser[" + user + ", password=***]";
        }
    }

    /** Sign-up: a new user with the chosen password, member of no organization yet. */
    public HubUser signUp(String email, String password) {
        String normalized = normalizeEmail(email);
        checkPassword(password);
        return insert(normalized, password, Optional.empty());
    }

    /**
     * The operator's command: a user who belongs to {@code organizationId}, with a generated password.
     *
     * @throws HubAccountRefused if the email is malformed or taken
     */
    public CreatedUser createMember(String email, String organizationId) {
        String normalized = normalizeEmail(email);
        String password = generatePassword();
        return new CreatedUser(insert(normalized, password, Optional.of(organizationId)), password);
    }

    /**
     * A member for the organization by email: an existing user becomes a member (and keeps their password),
     * a new one is created with a generated password, shown once.
     *
     * @return the new user's credentials, or empty when the user existed
     */
    public Optional<CreatedUser> addMember(String email, String organizationId) {
        String normalized = normalizeEmail(email);
        Optional<HubUser> existing = users.findByEmail(normalized);
        if (existing.isPresent()) {
            addMembership(existing.get().id(), organizationId);
            return Optional.empty();
        }
        return Optional.of(createMember(normalized, organizationId));
    }

    /** The members of the organization itself (not those who see it through an organization that manages it). */
    public List<HubUser> members(String organizationId) {
        return users.members(organizationId);
    }

    /**
     * Ends a user's membership of the organization; from their next request on they no longer see it (or what
     * it manages, unless another membership covers that).
     *
     * @return whether the user was a member
     */
    public boolean removeMember(String userId, String organizationId) {
        return database.inTransaction(h -> users.removeMembership(h, userId, organizationId));
    }

    /** Changes the user's password after checking the current one. */
    public void changePassword(HubUser user, String current, String replacement) {
        // a guess of the current password is a guess of the account's password: it shares the sign-in budget
        long wait = perEmail.secondsUntilAllowed(user.email());
        if (wait > 0) {
            throw HubAccountRefused.tooManyAttempts(wait);
        }
        if (!hasher.matches(current == null ? "" : current, user.passwordHash())) {
            perEmail.recordFailure(user.email());
            throw HubAccountRefused.field("current_password", "This is not your current password.");
        }
        checkPassword(replacement);
        String hash = hasher.hash(replacement);
        database.inTransaction(h -> {
            users.setPasswordHash(h, user.id(), hash);
            return null;
        });
    }

    /** Makes the user a member of the organization (and so of every organization it manages). */
    public void addMembership(String userId, String organizationId) {
        database.inTransaction(h -> {
            users.addMembership(h, userId, organizationId, clock.millis());
            return null;
        });
    }

    /**
     * @param clientAddress where the attempt comes from, for the per-address limit
     * @throws HubAccountRefused with no field for wrong credentials or too many attempts
     */
    public HubUser signIn(String email, String password, String clientAddress) {
        String normalized = email == null ? "" : email.trim().toLowerCase(Locale.ROOT);
        long wait = Math.max(perEmail.secondsUntilAllowed(normalized), perAddress.secondsUntilAllowed(clientAddress));
        if (wait > 0) {
            throw HubAccountRefused.tooManyAttempts(wait);
        }
        // what cannot be an address is nobody's: it is not looked up, but costs as much as a wrong password
        Optional<HubUser> user = EMAIL.matcher(normalized).matches() ? users.findByEmail(normalized) : Optional.empty();
        String candidate = password == null ? "" : password;
        boolean matches = hasher.matches(candidate, user.map(HubUser::passwordHash).orElse(decoyHash));
        if (user.isEmpty() || !matches) {
            perEmail.recordFailure(normalized);
            perAddress.recordFailure(clientAddress);
            throw HubAccountRefused.wrongCredentials();
        }
        return user.get();
    }

    private HubUser insert(String email, String password, Optional<String> organizationId) {
        HubUser user = new HubUser(UUID.randomUUID().toString(), email, hasher.hash(password), clock.millis());
        try {
            database.inTransaction(h -> {
                users.insert(h, user);
                organizationId.ifPresent(org -> users.addMembership(h, user.id(), org, user.createdAt()));
                return null;
            });
        } catch (RuntimeException e) {
            if (UniqueViolation.isCause(e)) {
                throw HubAccountRefused.field("email", "An account with this email address exists already.");
            }
            throw e;
        }
        return user;
    }

    private static String normalizeEmail(String email) {
        String normalized = email == null ? "" : email.trim().toLowerCase(Locale.ROOT);
        if (normalized.length() > 254 || !EMAIL.matcher(normalized).matches()) {
            throw HubAccountRefused.field("email", "Enter an email address such as name@example.com.");
        }
        return normalized;
    }

    private static void checkPassword(String password) {
        if (password == null || password.length() < MIN_PASSWORD_LENGTH) {
            throw HubAccountRefused.field("password", "Use at least " + MIN_PASSWORD_LENGTH + " characters.");
        }
        if (password.length() > MAX_PASSWORD_LENGTH) {
            throw HubAccountRefused.field("password", "Use at most " + MAX_PASSWORD_LENGTH + " characters.");
        }
    }

    private String generatePassword() {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < 20; i++) {
            out.append(PASSWORD_ALPHABET[random.nextInt(PASSWORD_ALPHABET.length)]);
        }
        return out.toString();
    }
}
