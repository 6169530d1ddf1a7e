namespace SmsPortal.Tests.Support;

/// <summary>One portal shared by the tests of a class: starting one costs about a second.</summary>
public sealed class PortalFixture : IAsyncLifetime
{
    public PortalFactory Portal { get; } = new();

    public Task InitializeAsync()
    {
        // Starting the host runs migrations and bootstrap once, before the tests race for it.
        _ = Portal.Server;
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await Portal.DisposeAsync();

    private readonly SemaphoreSlim _gate = new(1, 1);
    private HttpClient? _customer;
    private HttpClient? _admin;

    /// <summary>A confirmed customer signed in through the pages, made once for the class.</summary>
    public async Task<HttpClient> CustomerAsync()
    {
        await _gate.WaitAsync();
        try
        {
            return _customer ??= await People.RegisteredCustomerAsync(Portal, $"customer-{Guid.NewGuid():N}@example.com");
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>The admin from the Bootstrap settings, signed in through the pages.</summary>
    public async Task<HttpClient> AdminAsync()
    {
        await _gate.WaitAsync();
        try
        {
            if (_admin is null)
            {
                var client = Portal.CreateBrowserLikeClient();
                var response = await People.SignInAsync(client, PortalFactory.AdminEmail, PortalFactory.AdminPassword);
                Assert.Equal(System.Net.HttpStatusCode.Redirect, response.StatusCode);
                _admin = client;
            }

            return _admin;
        }
        finally
        {
            _gate.Release();
        }
    }
}
