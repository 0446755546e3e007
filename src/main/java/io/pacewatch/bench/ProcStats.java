package io.pacewatch.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;

/** Linux process and machine figures from /proc; empty where /proc is not there. */
final class ProcStats {

    /** USER_HZ: the unit of /proc/[pid]/stat and /proc/stat times; 100 on every Linux we run on. */
    private static final long TICKS_PER_SECOND = 100;

    private ProcStats() {
    }

    /** A field of /proc/[pid]/status in kB, e.g. VmRSS or VmHWM, as bytes. */
    static OptionalLong statusBytes(final String pid, final String field) {
        try {
            for (final String line : Files.readAllLines(Path.of("/proc", pid, "status"))) {
                if (line.startsWith(field + ":")) {
                    final String[] parts = line.substring(field.length() + 1).trim().split("\\s+");
                    return OptionalLong.of(Long.parseLong(parts[0]) * 1024);
                }
            }
        } catch (final IOException | RuntimeException e) {
            // not Linux, or the process is gone
        }
        return OptionalLong.empty();
    }

    /** Resets the peak RSS (VmHWM) of a process to its current RSS; false where the kernel does not allow it. */
    static boolean resetPeakRss(final String pid) {
        try {
            Files.writeString(Path.of("/proc", pid, "clear_refs"), "5");
            return true;
        } catch (final IOException | RuntimeException e) {
            return false;
        }
    }

    /** User + system CPU time of a process, from /proc/[pid]/stat. */
    static OptionalLong cpuMillis(final long pid) {
        try {
            final String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // Fields after the command name, which is in parentheses and may contain spaces.
            final String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            final long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
            return OptionalLong.of(ticks * 1000 / TICKS_PER_SECOND);
        } catch (final IOException | RuntimeException e) {
            return OptionalLong.empty();
        }
    }

    /** Busy CPU time of the whole machine (all cores, all processes), from /proc/stat. */
    static OptionalLong machineBusyMillis() {
        try {
            final List<String> lines = Files.readAllLines(Path.of("/proc/stat"));
            final String[] f = lines.get(0).trim().split("\\s+");
            // cpu user nice system idle iowait irq softirq steal ...
            long busy = 0;
            for (final int i : new int[] {1, 2, 3, 6, 7, 8}) {
                busy += Long.parseLong(f[i]);
            }
            return OptionalLong.of(busy * 1000 / TICKS_PER_SECOND);
        } catch (final IOException | RuntimeException e) {
            return OptionalLong.empty();
        }
    }

    /** The 1, 5 and 15 minute load averages, as /proc/loadavg shows them. */
    static String loadAverages() {
        try {
            final String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (final IOException | RuntimeException e) {
            return "n/a";
        }
    }
}
