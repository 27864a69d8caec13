package io.landlord.common.openapi;

import io.quarkus.smallrye.openapi.OpenApiFilter;
import java.util.ArrayList;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.Components;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;
import org.eclipse.microprofile.openapi.models.security.SecurityScheme;

/**
 * Documents what every {@code /v1} operation shares, in one place: the bearer security requirement and the
 * error responses in the API's error body. It runs when the application is built, so the document is complete in
 * the package and a start only reads it.
 */
@OpenApiFilter(stages = OpenApiFilter.RunStage.BUILD)
public class ApiDocumentationFilter implements OASFilter {

    private static final String ERROR_SCHEMA = "#/components/schemas/Error";
    private static final Map<String, String> V1_ERRORS = Map.of(
            "400", "Malformed request (NUL or control characters included); `details` lists every invalid input",
            "401", "Missing, invalid or expired bearer token",
            "403", "The token lacks the operation's permission",
            "404", "Not found (also for another tenant's resource)",
            "500", "Unexpected error; the body carries the request id",
            "503", "The database cannot be reached; retry after Retry-After seconds");

    private static final String PUBLIC = "x-public";
    private static final Set<String> TOKEN_ERRORS = Set.of("401", "403");

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        Components components = openAPI.getComponents() == null ? OASFactory.createComponents() : openAPI.getComponents();
        components.addSchema("Error", errorSchema());
        components.addSecurityScheme("bearer", OASFactory.createSecurityScheme()
                .type(SecurityScheme.Type.HTTP).scheme("bearer").bearerFormat("JWT")
                .description("An access token from POST /oauth/token"));
        components.addSecurityScheme("clientCredentials", OASFactory.createSecurityScheme()
                .type(SecurityScheme.Type.OAUTH2)
                .flows(OASFactory.createOAuthFlows().clientCredentials(
                        OASFactory.createOAuthFlow().tokenUrl("/oauth/token"))));
        openAPI.setComponents(components);
        if (openAPI.getPaths() == null || openAPI.getPaths().getPathItems() == null) {
            return;
        }
        openAPI.getPaths().getPathItems().forEach((path, item) -> {
            if (path.startsWith("/v1/")) {
                documentProtected(item);
            }
        });
    }

    private static void documentProtected(PathItem item) {
        item.getOperations().values().forEach(operation -> {
            // an operation marked x-public needs no token: an empty security list says so
            boolean open = operation.getExtensions() != null && "true".equals(String.valueOf(operation.getExtensions().get(PUBLIC)));
            if (open) {
                operation.setSecurity(new ArrayList<>());
            } else {
                operation.addSecurityRequirement(OASFactory.createSecurityRequirement().addScheme("bearer"));
                operation.addSecurityRequirement(OASFactory.createSecurityRequirement().addScheme("clientCredentials"));
            }
            APIResponses responses = operation.getResponses() == null ? OASFactory.createAPIResponses() : operation.getResponses();
            V1_ERRORS.forEach((status, description) -> {
                if (!responses.hasAPIResponse(status) && !(open && TOKEN_ERRORS.contains(status))) {
                    responses.addAPIResponse(status, OASFactory.createAPIResponse().description(description)
                            .content(OASFactory.createContent().addMediaType("application/json",
                                    OASFactory.createMediaType().schema(OASFactory.createSchema().ref(ERROR_SCHEMA)))));
                }
            });
            operation.setResponses(responses);
        });
    }

    private static Schema errorSchema() {
        Schema string = OASFactory.createSchema().addType(Schema.SchemaType.STRING);
        Schema detail = OASFactory.createSchema().addType(Schema.SchemaType.OBJECT)
                .addProperty("value", string).addProperty("msg", string)
                .addProperty("param", string).addProperty("location", string);
        return OASFactory.createSchema().addType(Schema.SchemaType.OBJECT)
                .description("Error body of every 4xx/5xx response")
                .addProperty("code", string).addProperty("type", string).addProperty("message", string)
                .addProperty("details", OASFactory.createSchema().addType(Schema.SchemaType.ARRAY).items(detail))
                .addProperty("requestId", string);
    }
}
