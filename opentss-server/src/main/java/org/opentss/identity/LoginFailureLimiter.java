package org.opentss.identity;

import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counts failed logins per presented key (or per client address for refresh tokens). After the
 * configured number of failures within any 60-second window every further attempt is refused until
 * the oldest counted failure leaves the window (sign-de-v2.md §3.6).
 */
public final class LoginFailureLimiter {

    private static final long WINDOW_MILLIS = 60_000;
    private static final int SWEEP_THRESHOLD = 10_000;

    private final int maxFailures;
    private final Clock clock;
    private final Map<String, Deque<Long>> failures = new ConcurrentHashMap<>();

    public LoginFailureLimiter(int maxFailures, Clock clock) {
        this.maxFailures = maxFailures;
        this.clock = clock;
    }

    /** 0 if the key may try now, else the seconds until it may. */
    public long secondsUntilAllowed(String key) {
        Deque<Long> times = failures.get(key);
        if (times == null) {
            return 0;
        }
        long now = clock.millis();
        synchronized (times) {
            dropExpired(times, now);
            if (times.size() < maxFailures) {
                return 0;
            }
            long oldest = times.peekFirst();
            return Math.max(1, (long) Math.ceil((oldest + WINDOW_MILLIS - now) / 1000.0));
        }
    }

    public void recordFailure(String key) {
        long now = clock.millis();
        if (failures.size() > SWEEP_THRESHOLD) {
            failures.values().removeIf(times -> {
                synchronized (times) {
                    dropExpired(times, now);
                    return times.isEmpty();
                }
            });
        }
        Deque<Long> times = failures.computeIfAbsent(key, k -> new ArrayDeque<>());
        synchronized (times) {
            dropExpired(times, now);
            times.addLast(now);
            while (times.size() > maxFailures) {
                times.removeFirst();
            }
        }
    }

    private static void dropExpired(Deque<Long> times, long now) {
        while (!times.isEmpty() && times.peekFirst() <= now - WINDOW_MILLIS) {
            times.removeFirst();
        }
    }
}
