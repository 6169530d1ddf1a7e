namespace SmsPortal.Infrastructure.Accounts;

/// <summary>The steps from sign-up to sending in production, each as the database shows it.</summary>
/// <param name="Verified">The enterprise verification is approved.</param>
/// <param name="SignatureAndTemplate">At least one signature and one template of the account's own are approved.</param>
/// <param name="ToppedUp">At least one top-up is on the ledger.</param>
/// <param name="CalledApi">A message came in through the HTTP API, the REST API or SMPP.</param>
public sealed record GettingStarted(bool Verified, bool SignatureAndTemplate, bool ToppedUp, bool CalledApi)
{
    public bool Done => Verified && SignatureAndTemplate && ToppedUp && CalledApi;
}
