package io.pacewatch.bench;

import com.sun.management.GarbageCollectionNotificationInfo;
import com.sun.management.OperatingSystemMXBean;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

/**
 * Watches this JVM (heap, RSS, CPU) and, when it runs apart, the broker's process, phase by phase.
 * Heap is seen three ways: sampled used heap (includes garbage not yet collected), heap left after
 * each collection (from GC notifications: the live set plus garbage the collector kept), and
 * committed heap. RSS peaks come from the kernel's own high-water mark (VmHWM), reset at the start
 * of each phase where the kernel allows it, and from 50 ms samples of VmRSS otherwise.
 */
final class ResourceMonitor implements AutoCloseable {

    private static final long SAMPLE_MILLIS = 50;

    private final Supplier<OptionalLong> brokerCpu;
    private final OptionalLong brokerPid;
    private final Thread sampler;
    private final List<Runnable> unsubscribe = new ArrayList<>();
    private final OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    private final Set<String> heapPools = ManagementFactory.getMemoryPoolMXBeans().stream()
            .filter(pool -> pool.getType() == MemoryType.HEAP)
            .map(MemoryPoolMXBean::getName)
            .collect(Collectors.toSet());
    private final AtomicLong heapUsedPeak = new AtomicLong();
    private final AtomicLong heapCommittedPeak = new AtomicLong();
    private final AtomicLong heapAfterGcPeak = new AtomicLong();
    private final AtomicLong rssPeak = new AtomicLong();
    private final AtomicLong brokerRssPeak = new AtomicLong();
    private volatile boolean running = true;

    ResourceMonitor(final Supplier<OptionalLong> brokerCpu, final OptionalLong brokerPid) {
        this.brokerCpu = brokerCpu;
        this.brokerPid = brokerPid;
        for (final GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (gc instanceof NotificationEmitter emitter) {
                final NotificationListener listener = this::onGc;
                emitter.addNotificationListener(listener, null, null);
                unsubscribe.add(() -> {
                    try {
                        emitter.removeNotificationListener(listener);
                    } catch (final javax.management.ListenerNotFoundException ignored) {
                        // already gone
                    }
                });
            }
        }
        sampler = new Thread(this::sample, "pwbench-resource-sampler");
        sampler.setDaemon(true);
        sampler.start();
    }

    /** Figures of one phase. Byte counts; CPU in milliseconds; -1 where not known. */
    record Usage(String phase, long wallMillis, long heapUsedPeak, long heapAfterGcPeak, long liveHeapAtEnd,
                 long heapCommittedPeak,
                 long rssPeak, boolean rssFromKernel, long cpuMillis, long brokerCpuMillis, long brokerRssPeak,
                 long otherCpuMillis, String loadBefore, String loadAfter, ThreadCpu threadCpu) {

        double cores(final long millis) {
            return millis < 0 || wallMillis == 0 ? -1 : (double) millis / wallMillis;
        }
    }

    /** A phase being watched; {@link #end()} returns its figures. */
    final class Phase {
        private final String name;
        private final long startNanos;
        private final long cpuStart;
        private final Map<Long, Long> threadCpuStart;
        private final long brokerCpuStart;
        private final long machineStart;
        private final String loadBefore;
        private final boolean kernelHwm;

        private Phase(final String name) {
            this.name = name;
            // Garbage left by earlier phases is not this phase's: collect it first (G1 also gives back
            // heap it no longer needs, so the RSS high-water mark starts nearer this phase's own).
            System.gc();
            for (final MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
                pool.resetPeakUsage();
            }
            heapUsedPeak.set(0);
            heapCommittedPeak.set(0);
            heapAfterGcPeak.set(0);
            rssPeak.set(0);
            brokerRssPeak.set(0);
            kernelHwm = ProcStats.resetPeakRss("self");
            loadBefore = ProcStats.loadAverages();
            machineStart = ProcStats.machineBusyMillis().orElse(-1);
            brokerCpuStart = brokerCpu.get().orElse(-1);
            threadCpuStart = ThreadCpu.snapshot();
            cpuStart = os.getProcessCpuTime();
            startNanos = System.nanoTime();
            brokerPid.ifPresent(pid -> ProcStats.resetPeakRss(Long.toString(pid)));
            takeSample();
        }

        Usage end() {
            takeSample();
            final long wall = (System.nanoTime() - startNanos) / 1_000_000;
            final long cpu = (os.getProcessCpuTime() - cpuStart) / 1_000_000;
            final ThreadCpu threadCpu = ThreadCpu.since(threadCpuStart);
            final long brokerEnd = brokerCpu.get().orElse(-1);
            final long broker = brokerCpuStart < 0 || brokerEnd < 0 ? -1 : brokerEnd - brokerCpuStart;
            final long machineEnd = ProcStats.machineBusyMillis().orElse(-1);
            final long other = machineStart < 0 || machineEnd < 0 ? -1
                    : Math.max(0, machineEnd - machineStart - cpu - Math.max(0, broker));
            final long hwm = ProcStats.statusBytes("self", "VmHWM").orElse(-1);
            final long rss = kernelHwm && hwm > 0 ? Math.max(hwm, rssPeak.get()) : rssPeak.get();
            long brokerRss = brokerRssPeak.get();
            if (brokerPid.isPresent()) {
                brokerRss = Math.max(brokerRss,
                        ProcStats.statusBytes(Long.toString(brokerPid.getAsLong()), "VmHWM").orElse(-1));
            }
            // A full collection after the figures are taken: what is still reachable is the phase's live set.
            System.gc();
            final long live = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
            return new Usage(name, wall, heapUsedPeak.get(), heapAfterGcPeak.get(), live, heapCommittedPeak.get(), rss,
                    kernelHwm, cpu, broker, brokerPid.isPresent() ? brokerRss : -1, other, loadBefore,
                    ProcStats.loadAverages(), threadCpu);
        }
    }

    Phase begin(final String name) {
        return new Phase(name);
    }

    private void sample() {
        while (running) {
            takeSample();
            try {
                Thread.sleep(SAMPLE_MILLIS);
            } catch (final InterruptedException e) {
                return;
            }
        }
    }

    private void takeSample() {
        long used = 0;
        long committed = 0;
        for (final MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                final MemoryUsage usage = pool.getUsage();
                used += usage.getUsed();
                committed += usage.getCommitted();
            }
        }
        heapUsedPeak.accumulateAndGet(used, Math::max);
        heapCommittedPeak.accumulateAndGet(committed, Math::max);
        ProcStats.statusBytes("self", "VmRSS").ifPresent(rss -> rssPeak.accumulateAndGet(rss, Math::max));
        brokerPid.ifPresent(pid -> ProcStats.statusBytes(Long.toString(pid), "VmRSS")
                .ifPresent(rss -> brokerRssPeak.accumulateAndGet(rss, Math::max)));
    }

    private void onGc(final Notification notification, final Object handback) {
        if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
            return;
        }
        final GarbageCollectionNotificationInfo info =
                GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData());
        // The heap just before a collection is the peak the 50 ms sampler may miss.
        heapUsedPeak.accumulateAndGet(heapOnly(info.getGcInfo().getMemoryUsageBeforeGc()), Math::max);
        heapAfterGcPeak.accumulateAndGet(heapOnly(info.getGcInfo().getMemoryUsageAfterGc()), Math::max);
    }

    private long heapOnly(final Map<String, MemoryUsage> byPool) {
        long used = 0;
        for (final Map.Entry<String, MemoryUsage> pool : byPool.entrySet()) {
            if (heapPools.contains(pool.getKey())) {
                used += pool.getValue().getUsed();
            }
        }
        return used;
    }

    @Override
    public void close() {
        running = false;
        sampler.interrupt();
        unsubscribe.forEach(Runnable::run);
    }
}
