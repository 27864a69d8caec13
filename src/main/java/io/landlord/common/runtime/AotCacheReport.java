package io.landlord.common.runtime;

import com.sun.management.HotSpotDiagnosticMXBean;
import io.quarkus.runtime.ImageMode;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.lang.management.ManagementFactory;
import org.jboss.logging.Logger;

/**
 * Says once at start whether the JVM runs with the AOT cache it was given (target/quarkus-app/app.aot through the
 * launcher). The launcher silences the JVM's own lines about the cache, which would otherwise arrive as several
 * unformatted lines on stderr; a cache made by another JDK build or with other flags is not mapped, and the start is
 * then slower but otherwise the same.
 */
@Singleton
class AotCacheReport {

    private static final Logger LOG = Logger.getLogger(AotCacheReport.class);

    void onStart(@Observes StartupEvent event) {
        if (ImageMode.current().isNativeImage()) {
            return;
        }
        HotSpotDiagnosticMXBean vm = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
        String cache = vm.getVMOption("AOTCache").getValue();
        if (cache.isEmpty()) {
            return;
        }
        // A cache that failed to map leaves the JVM without class sharing at all, which java.vm.info reports.
        if (System.getProperty("java.vm.info", "").contains("sharing")) {
            LOG.infof("Started with the AOT cache %s", cache);
        } else {
            LOG.warnf("The AOT cache %s was not used: it belongs to another JDK build or other JVM flags than this "
                    + "start's, so this start is slower. Rebuild it with ./mvnw verify on this JDK.", cache);
        }
    }
}
