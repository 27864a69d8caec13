package io.landlord.console;

import io.landlord.entitlement.EntitlementResponse;
import io.landlord.usage.UsageRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * An entitlement's usage over the last {@link #HOURS} hours as an SVG drawn on the server: a bar per hour, the running
 * total as a line, and the entitlement's quantity with its 80 % threshold (where the service raises
 * ENTITLEMENT_THRESHOLD_REACHED) as horizontal lines. Coordinates are in the SVG's own 480 × 170 box.
 */
public record UsageChart(String type, long quantity, long total, List<Bar> bars, String totalPoints, double limitY,
        double thresholdY) {

    static final int HOURS = 24;
    private static final double LEFT = 36;
    private static final double TOP = 8;
    private static final double WIDTH = 436;
    private static final double HEIGHT = 140;

    /** One hour's usage. */
    public record Bar(double x, double y, double width, double height, String label) {
    }

    /** {@code records} are the tenant's hourly records of this type from {@code since} (an hour's start) on. */
    static UsageChart of(EntitlementResponse entitlement, List<UsageRecord> records, Instant since) {
        long[] hourly = new long[HOURS];
        for (UsageRecord record : records) {
            int hour = (int) Duration.between(since, record.startTime()).toHours();
            if (hour >= 0 && hour < HOURS) {
                hourly[hour] += record.quantity();
            }
        }
        long total = 0;
        long[] running = new long[HOURS];
        for (int i = 0; i < HOURS; i++) {
            total += hourly[i];
            running[i] = total;
        }
        double top = Math.max(1, Math.max(entitlement.quantity(), total));
        double slot = WIDTH / HOURS;
        List<Bar> bars = new ArrayList<>();
        StringBuilder points = new StringBuilder();
        for (int i = 0; i < HOURS; i++) {
            double height = hourly[i] / top * HEIGHT;
            bars.add(new Bar(round(LEFT + i * slot + 1), round(TOP + HEIGHT - height), round(slot - 2), round(height),
                    ConsoleFormat.utc(since.plus(Duration.ofHours(i))) + ": " + hourly[i]));
            points.append(round(LEFT + (i + 0.5) * slot)).append(',').append(round(TOP + HEIGHT - running[i] / top * HEIGHT)).append(' ');
        }
        return new UsageChart(entitlement.type(), entitlement.quantity(), total, bars, points.toString().trim(),
                round(TOP + HEIGHT - entitlement.quantity() / top * HEIGHT),
                round(TOP + HEIGHT - 0.8 * entitlement.quantity() / top * HEIGHT));
    }

    public double left() {
        return LEFT;
    }

    public double right() {
        return LEFT + WIDTH;
    }

    public double bottom() {
        return TOP + HEIGHT;
    }

    private static double round(double value) {
        return Math.round(value * 10) / 10.0;
    }
}
