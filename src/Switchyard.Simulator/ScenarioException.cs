namespace Switchyard.Simulator;

/// <summary>Thrown when scenario JSON is invalid; <see cref="Exception.Message"/> starts with the JSON path.</summary>
public sealed class ScenarioException : Exception
{
    /// <summary>Creates the exception for a problem at <paramref name="path"/>.</summary>
    public ScenarioException(string path, string problem)
        : base($"{path}: {problem}")
    {
        JsonPath = path;
    }

    /// <summary>Creates the exception with a message only.</summary>
    public ScenarioException(string message)
        : base(message)
    {
        JsonPath = "$";
    }

    /// <summary>Creates the exception wrapping another.</summary>
    public ScenarioException(string message, Exception innerException)
        : base(message, innerException)
    {
        JsonPath = "$";
    }

    /// <summary>Creates the exception with no details.</summary>
    public ScenarioException()
        : this("$", "invalid scenario")
    {
    }

    /// <summary>The JSON path of the offending value, e.g. <c>$.rules[1].fault.status</c>.</summary>
    public string JsonPath { get; }
}
