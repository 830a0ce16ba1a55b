using Switchyard.Model;

namespace Switchyard.Conversations;

/// <summary>The conversation up to and including one stored response, oldest first.</summary>
/// <param name="SessionId">The conversation's session id (see <see cref="StoredResponse.SessionId"/>).</param>
/// <param name="Messages">Every stored input and output message of the chain, in order.</param>
/// <param name="Responses">How many stored responses the chain holds.</param>
public sealed record ConversationHistory(string SessionId, IReadOnlyList<ChatMessage> Messages, int Responses);
