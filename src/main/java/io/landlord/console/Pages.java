package io.landlord.console;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

/** The console's templates ({@code templates/console/}), checked against these parameters when the application is built. */
@CheckedTemplate(basePath = "console")
final class Pages {

    private Pages() {
    }

    static native TemplateInstance signIn(String csrf, String clientId, String error);

    static native TemplateInstance overview(Chrome chrome, OverviewResource.Overview overview);
}
