using System.Diagnostics.CodeAnalysis;

namespace SmsPortal.Domain.Sending;

/// <summary>Either a value the rules accepted or the <see cref="Sending.Rejection"/> they answered with.</summary>
public sealed record Outcome<T>
    where T : class
{
    private Outcome(T? value, Rejection? rejection)
    {
        Value = value;
        Rejection = rejection;
    }

    public T? Value { get; }

    public Rejection? Rejection { get; }

    [MemberNotNullWhen(true, nameof(Value))]
    [MemberNotNullWhen(false, nameof(Rejection))]
    public bool IsAccepted => Rejection is null;

    public static implicit operator Outcome<T>(T value) => new(value ?? throw new ArgumentNullException(nameof(value)), null);

    public static implicit operator Outcome<T>(Rejection rejection) => new(null, rejection ?? throw new ArgumentNullException(nameof(rejection)));

    public static implicit operator Outcome<T>(ResultCode code) => new(null, new Rejection(code));
}
