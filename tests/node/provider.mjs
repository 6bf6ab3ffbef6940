// A real OpenID Connect provider for the sign-in tests: node-oidc-provider (a certified implementation) on a
// loopback port, with one confidential client (the app) and test users whose login name is their account.
// Usage: node provider.mjs PORT REDIRECT_URI [REDIRECT_URI ...]. Prints "ready" when it listens.
import Provider from "oidc-provider";

const [port, ...redirects] = process.argv.slice(2);
const USERS = {
  anne: { email: "anne@land.kommune.no", name: "Anne Admin" },
  lars: { email: "lars@land.kommune.no", name: "Lars Leser" },
  britt: { email: "britt@arendal.kommune.no", name: "Britt Redaktør" },
};

const issuer = `http://127.0.0.1:${port}`;
const provider = new Provider(issuer, {
  clients: [
    {
      client_id: "kostnadsmodell",
      client_secret: "hemmelig-testnokkel",
      redirect_uris: redirects,
      post_logout_redirect_uris: redirects.map((uri) => uri.replace("/oauth2callback", "/")),
      grant_types: ["authorization_code"],
      response_types: ["code"],
      token_endpoint_auth_method: "client_secret_basic",
    },
  ],
  claims: { openid: ["sub"], email: ["email", "email_verified"], profile: ["name"] },
  scopes: ["openid", "email", "profile"],
  pkce: { required: () => false },
  conformIdTokenClaims: false, // the ID token carries e-mail and name, as Entra ID's does
  features: { devInteractions: { enabled: true } },
  cookies: { keys: ["kostnadsmodell-test-cookie-key"] },
  async findAccount(ctx, id) {
    const user = USERS[id];
    if (!user) return undefined;
    return {
      accountId: id,
      async claims() {
        return { sub: id, email: user.email, email_verified: true, name: user.name };
      },
    };
  },
  async loadExistingGrant(ctx) {
    // Consent is implied for the test client: a grant with every scope and claim asked for.
    const grantId = ctx.oidc.result?.consent?.grantId || ctx.oidc.session.grantIdFor(ctx.oidc.client.clientId);
    if (grantId) return ctx.oidc.provider.Grant.find(grantId);
    const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client.clientId, accountId: ctx.oidc.session.accountId });
    grant.addOIDCScope("openid email profile");
    grant.addOIDCClaims(["email", "email_verified", "name"]);
    await grant.save();
    return grant;
  },
});
provider.proxy = false;
provider.listen(Number(port), "127.0.0.1", () => console.log("ready"));
