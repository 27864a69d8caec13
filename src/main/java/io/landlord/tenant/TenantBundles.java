package io.landlord.tenant;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.landlord.common.error.ApiException;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A tenant's bundle, {@code "format": "landlord.tenant/v1"}: its settings, clients, entitlements, identity provider
 * (without its secret), applications with their API keys' metadata, and its sub-tenants the same way. No secret in
 * clear; with {@code includeSecretHashes} the stored hashes of client secrets and API keys (base64), so that the
 * tenant can move to another deployment without new credentials.
 */
@ApplicationScoped
public class TenantBundles {

    public static final String FORMAT = "landlord.tenant/v1";

    /** The tenant and its sub-tenants, one document each, in one statement (one snapshot); the tenant comes first. */
    private static final String DOCUMENTS = """
            SELECT t.id, t.main_tenant_id IS NOT NULL AND t.id <> $1 AS sub, jsonb_build_object(
                     'name', t.name, 'subdomain', t.subdomain, 'type', t.type, 'code', t.code, 'description', t.description,
                     'tag', t.tag, 'profile', t.profile, 'locked', t.locked, 'verifiedDomain', t.verified_domain,
                     'clients', COALESCE((
                         SELECT jsonb_agg(jsonb_build_object('clientId', c.client_id, 'name', c.name, 'roles', to_jsonb(c.roles))
                                  || CASE WHEN $2 THEN jsonb_build_object('secretHash', encode(c.secret_hash, 'base64')) ELSE '{}' END
                                  ORDER BY c.created_at, c.id)
                           FROM clients c WHERE c.tenant_id = t.id), '[]'),
                     'entitlements', COALESCE((
                         SELECT jsonb_agg(jsonb_build_object('type', e.type, 'quantity', e.quantity, 'contractMode', e.contract_mode,
                                  'startsAt', e.starts_at, 'endsAt', e.ends_at, 'hardLimit', e.hard_limit) ORDER BY e.type)
                           FROM entitlements e WHERE e.tenant_id = t.id), '[]'),
                     'identityProvider', (
                         SELECT jsonb_build_object('issuer', i.issuer, 'clientId', i.client_id, 'scopes', to_jsonb(i.scopes),
                                  'enabled', i.enabled, 'configUrl', i.config_url, 'policyId', i.policy_id)
                           FROM identity_providers i WHERE i.tenant_id = t.id),
                     'applications', COALESCE((
                         SELECT jsonb_agg(jsonb_build_object('productCode', a.product_code, 'packageCode', a.package_code,
                                  'description', a.description, 'ttlHours', a.ttl_hours,
                                  'apiKeys', COALESCE((
                                      SELECT jsonb_agg(jsonb_build_object('label', k.label, 'env', k.env, 'device', k.device,
                                               'geo', k.geo, 'config', k.config, 'expiresAt', k.expires_at, 'revokedAt', k.revoked_at)
                                               || CASE WHEN $2 THEN jsonb_build_object('keyHash', encode(k.key_hash, 'base64')) ELSE '{}' END
                                               ORDER BY k.created_at, k.id)
                                        FROM api_keys k WHERE k.application_id = a.id), '[]'))
                                  ORDER BY a.created_at, a.id)
                           FROM applications a WHERE a.tenant_id = t.id), '[]')
                   )::text AS document
              FROM tenants t
             WHERE t.id = $1 OR t.main_tenant_id = $1
             ORDER BY sub, t.created_at, t.id
            """;

    private final Pool pool;
    private final ObjectMapper json;

    public TenantBundles(Pool pool, ObjectMapper json) {
        this.pool = pool;
        this.json = json;
    }

    /** The bundle of a live tenant; 404 if there is none. */
    public Uni<Map<String, Object>> export(UUID tenantId, boolean includeSecretHashes) {
        return pool.preparedQuery(DOCUMENTS).execute(Tuple.of(tenantId, includeSecretHashes)).map(rows -> {
            List<Map<String, Object>> documents = new ArrayList<>();
            for (Row row : rows) {
                documents.add(parse(row.getString("document")));
            }
            if (documents.isEmpty()) {
                throw ApiException.notFound("Tenant");
            }
            Map<String, Object> tenant = documents.getFirst();
            tenant.put("subTenants", documents.subList(1, documents.size()));
            Map<String, Object> bundle = new LinkedHashMap<>();
            bundle.put("format", FORMAT);
            bundle.put("includesSecretHashes", includeSecretHashes);
            bundle.put("tenant", tenant);
            return bundle;
        });
    }

    private Map<String, Object> parse(String document) {
        try {
            return json.readValue(document, new TypeReference<LinkedHashMap<String, Object>>() { });
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
