package io.landlord.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.landlord.common.error.ApiException;
import io.landlord.common.pagination.Page;
import io.landlord.common.pagination.PageRequest;
import io.landlord.common.security.Caller;
import io.landlord.common.security.Permissions;
import io.landlord.environment.EnvironmentResponse;
import io.landlord.environment.EnvironmentService;
import io.landlord.event.Recorded;
import io.landlord.operation.OperationService;
import io.landlord.operation.OperationWorker;
import io.landlord.tenant.CreateTenantRequest;
import io.landlord.tenant.TenantResponse;
import io.landlord.tenant.TenantSearchRequest;
import io.landlord.tenant.TenantSearchRequest.Condition;
import io.landlord.tenant.TenantService;
import io.quarkus.security.PermissionsAllowed;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.eventbus.EventBus;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestQuery;

/**
 * The tenants list: the attribute search with its operators, filters, keyset pages; and the asynchronous create, whose
 * operation the page follows until the admin client's secret can be shown, once.
 */
@Path("/console/tenants")
@ConsoleEndpoint
@Produces(MediaType.TEXT_HTML)
public class TenantListResource {

    static final int PAGE_SIZE = 25;
    /** The text attributes the search box searches, and the operators the API has for them. */
    static final List<String> TEXT_ATTRIBUTES = List.of("name", "subdomain", "code", "tag");
    static final List<String> TEXT_OPERATORS = List.of("CONTAINS", "EQUALS", "STARTS_WITH", "ENDS_WITH", "NOT_CONTAINS", "NOT_EQUALS");

    private final TenantService tenants;
    private final EnvironmentService environments;
    private final OperationService operations;
    private final EventBus eventBus;
    private final ConsoleForms forms;
    private final ConsoleUser user;

    public TenantListResource(TenantService tenants, EnvironmentService environments, OperationService operations,
            EventBus eventBus, ConsoleForms forms, ConsoleUser user) {
        this.tenants = tenants;
        this.environments = environments;
        this.operations = operations;
        this.eventBus = eventBus;
        this.forms = forms;
        this.user = user;
    }

    /** The search form as the user filled it in; the page shows it back and builds the next page's link from it. */
    public record Search(String attribute, String operator, String text, String locked, String environmentId, String type,
            String cursor) {

        public Search {
            attribute = attribute != null && TEXT_ATTRIBUTES.contains(attribute) ? attribute : "name";
            operator = operator != null && TEXT_OPERATORS.contains(operator) ? operator : "CONTAINS";
        }

        public List<String> attributes() {
            return TEXT_ATTRIBUTES;
        }

        public List<String> operators() {
            return TEXT_OPERATORS;
        }

        TenantSearchRequest request() {
            List<Condition> conditions = new ArrayList<>();
            if (ConsoleForms.given(text) != null) {
                conditions.add(new Condition(attribute, operator, TextNode.valueOf(text.strip())));
            }
            if ("true".equals(locked) || "false".equals(locked)) {
                conditions.add(new Condition("locked", "EQUALS", BooleanNode.valueOf(Boolean.parseBoolean(locked))));
            }
            if (ConsoleForms.given(environmentId) != null) {
                conditions.add(new Condition("environmentId", "EQUALS", TextNode.valueOf(environmentId)));
            }
            if (ConsoleForms.given(type) != null) {
                conditions.add(new Condition("type", "EQUALS", TextNode.valueOf(type)));
            }
            return new TenantSearchRequest(conditions,
                    List.of(new TenantSearchRequest.Ordering("createdAt", "DESC")), PAGE_SIZE, ConsoleForms.given(cursor));
        }

        /** The query string of this search's page after {@code next}. */
        public String nextQuery(String next) {
            return query("attribute", attribute) + query("operator", operator) + query("text", text) + query("locked", locked)
                    + query("environmentId", environmentId) + query("type", type) + "cursor=" + ConsoleFormat.urlEncoded(next);
        }

        private static String query(String name, String value) {
            return value == null || value.isEmpty() ? "" : name + "=" + ConsoleFormat.urlEncoded(value) + "&";
        }

    }

    @GET
    @PermissionsAllowed(Permissions.TENANTS_READ)
    public Uni<String> list(@RestQuery String attribute, @RestQuery String operator, @RestQuery String text,
            @RestQuery String locked, @RestQuery String environmentId, @RestQuery String type, @RestQuery String cursor) {
        Caller caller = user.caller();
        caller.requireManagement();
        Search search = new Search(attribute, operator, text, locked, environmentId, type, cursor);
        return environments.list(PageRequest.of(String.valueOf(PageRequest.MAX_LIMIT), null)).flatMap(envs -> tenants
                .search(forms.valid(search.request()))
                .map(found -> new Listing(found, null))
                .onFailure(ApiException.class).recoverWithItem(refused -> new Listing(new Page<>(List.of(), null),
                        refused.getMessage()))
                .flatMap(listing -> Pages.tenants(user.chrome("tenants"), search, envs.data(), listing.found(),
                        listing.error()).createUni()));
    }

    private record Listing(Page<TenantResponse> found, String error) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @PermissionsAllowed(Permissions.TENANTS_CREATE)
    @Recorded(value = "TENANT_CREATE_ASYNC", change = true)
    public Uni<String> create(@RestForm String name, @RestForm String subdomain, @RestForm String environmentId,
            @RestForm String type, @RestForm String mainTenantId, @RestForm String code, @RestForm String tag,
            @RestForm String description) {
        Caller caller = user.caller();
        caller.requireManagement();
        CreateTenantRequest request = forms.valid(new CreateTenantRequest(ConsoleForms.given(name), ConsoleForms.given(subdomain),
                ConsoleForms.uuid("environmentId", environmentId), ConsoleForms.given(description), ConsoleForms.given(tag),
                ConsoleForms.given(code), ConsoleForms.given(type), ConsoleForms.uuid("mainTenantId", mainTenantId), null, null));
        return operations.submit(request, caller, null).invoke(op -> {
            if (op.status().equals("PENDING")) {
                eventBus.send(OperationWorker.SUBMITTED, op.id().toString());
            }
        }).flatMap(op -> Pages.operation(op).createUni());
    }

    /** Polled by the page while the creation runs. */
    @GET
    @Path("/operations/{id}")
    @PermissionsAllowed(Permissions.TENANTS_CREATE)
    public Uni<String> status(@PathParam("id") UUID id) {
        return operations.status(id, user.caller()).flatMap(op -> Pages.operation(op).createUni());
    }

    /** The created tenant with its admin client's secret: taken from the operation exactly once, then gone. */
    @POST
    @Path("/operations/{id}/result")
    @PermissionsAllowed(Permissions.TENANTS_CREATE)
    @Recorded(value = "OPERATION_RESULT_RETRIEVE", change = true)
    public Uni<String> result(@PathParam("id") UUID id) {
        return operations.takeResult(id, user.caller()).flatMap(tenant -> Pages.createdTenant(tenant).createUni());
    }
}
