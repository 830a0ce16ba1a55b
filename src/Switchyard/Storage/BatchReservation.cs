namespace Switchyard.Storage;

/// <summary>The budget reservation a batch holds from its creation until it is billed.</summary>
/// <param name="Id">The ledger's reservation id.</param>
/// <param name="Usd">The amount reserved: the batch's worst case at batch prices.</param>
public sealed record BatchReservation(Guid Id, decimal Usd);
