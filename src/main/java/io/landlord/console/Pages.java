package io.landlord.console;

import io.landlord.application.ApiKeyResponse;
import io.landlord.client.ClientResponse;
import io.landlord.common.pagination.Page;
import io.landlord.entitlement.EntitlementResponse;
import io.landlord.environment.EnvironmentResponse;
import io.landlord.event.EventResponse;
import io.landlord.identityprovider.IdentityProviderResponse;
import io.landlord.operation.OperationResponse;
import io.landlord.tenancy.TenancyResponse;
import io.landlord.tenant.SubTenantResponse;
import io.landlord.tenant.TenantResponse;
import io.landlord.webhook.DeliveryResponse;
import io.landlord.webhook.WebhookResponse;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import java.util.List;
import java.util.UUID;

/** The console's templates ({@code templates/console/}), checked against these parameters when the application is built. */
@CheckedTemplate(basePath = "console")
final class Pages {

    private Pages() {
    }

    static native TemplateInstance signIn(String csrf, String clientId, String error);

    static native TemplateInstance overview(Chrome chrome, OverviewResource.Overview overview);

    static native TemplateInstance tenants(Chrome chrome, TenantListResource.Search search, List<EnvironmentResponse> environments,
            Page<TenantResponse> found, String error);

    static native TemplateInstance operation(OperationResponse op);

    static native TemplateInstance createdTenant(TenantResponse tenant);

    static native TemplateInstance tenant(Chrome chrome, TenantResponse tenant, String profile);

    static native TemplateInstance domain(Chrome chrome, UUID tenantId, TenancyResponse self);

    static native TemplateInstance subTenants(List<SubTenantResponse> subTenants);

    static native TemplateInstance eventRows(List<EventResponse> events);

    static native TemplateInstance clients(Chrome chrome, String base, List<String> roles, List<ClientResponse> clients,
            ClientSection.Shown shown);

    static native TemplateInstance managementClients(Chrome chrome);

    static native TemplateInstance events(Chrome chrome, EventPages.Filters filters, Page<EventResponse> page, String error,
            boolean paged);

    static native TemplateInstance environments(Chrome chrome, List<EnvironmentResponse> environments);

    static native TemplateInstance operations(Chrome chrome, String status, List<String> statuses,
            Page<OperationResponse> page, String error);

    static native TemplateInstance webhooks(Chrome chrome, List<WebhookResponse> webhooks);

    static native TemplateInstance createdWebhook(WebhookResponse webhook, String what);

    static native TemplateInstance webhook(Chrome chrome, WebhookResponse webhook, List<DeliveryResponse> deliveries);

    static native TemplateInstance tenancy(Chrome chrome, UUID tenantId, TenancyResponse self);

    static native TemplateInstance entitlements(Chrome chrome, UUID tenantId, List<EntitlementResponse> entitlements,
            List<UsageChart> charts);

    static native TemplateInstance identityProvider(Chrome chrome, UUID tenantId, IdentityProviderResponse idp);

    static native TemplateInstance applications(Chrome chrome, UUID tenantId, List<ApplicationPages.Listed> applications,
            List<Integer> ttlHours, ApiKeyResponse created);
}
