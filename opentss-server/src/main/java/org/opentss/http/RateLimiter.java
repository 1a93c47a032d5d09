package org.opentss.http;

import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Requests per minute (or second) per key, as token buckets: a key may burst up to its limit and then gets one
 * request every {@code period / limit}. Each node limits on its own (sign-de-v2.md §13.2).
 */
public final class RateLimiter {

    private static final int SWEEP_THRESHOLD = 10_000;

    private final double capacity;
    private final double tokensPerMilli;
    private final Clock clock;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    /** @param perMinute the limit; 0 lets everything through */
    public RateLimiter(int perMinute, Clock clock) {
        this(perMinute, perMinute / 60_000.0, clock);
    }

    private RateLimiter(double capacity, double tokensPerMilli, Clock clock) {
        this.capacity = capacity;
        this.tokensPerMilli = tokensPerMilli;
        this.clock = clock;
    }

    /** A limit per second: a key may burst up to {@code perSecond} and then refills at that rate. */
    public static RateLimiter perSecond(int perSecond, Clock clock) {
        return new RateLimiter(perSecond, perSecond / 1_000.0, clock);
    }

    /** Takes one request from the key's budget; returns 0 if admitted, else the seconds to wait. */
    public long acquire(String key) {
        if (capacity == 0) {
            return 0;
        }
        long now = clock.millis();
        if (buckets.size() > SWEEP_THRESHOLD) {
            buckets.values().removeIf(b -> b.isFullAt(now));
        }
        Bucket bucket = buckets.computeIfAbsent(key, k -> new Bucket(now));
        return bucket.take(now);
    }

    private final class Bucket {
        private double tokens = capacity;
        private long updatedAt;

        Bucket(long now) {
            this.updatedAt = now;
        }

        synchronized long take(long now) {
            refill(now);
            if (tokens >= 1) {
                tokens -= 1;
                return 0;
            }
            double missingMillis = (1 - tokens) / tokensPerMilli;
            return Math.max(1, (long) Math.ceil(missingMillis / 1000));
        }

        synchronized boolean isFullAt(long now) {
            refill(now);
            return tokens >= capacity;
        }

        private void refill(long now) {
            tokens = Math.min(capacity, tokens + (now - updatedAt) * tokensPerMilli);
            updatedAt = now;
        }
    }
}
