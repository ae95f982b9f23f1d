namespace XpmGen;

/// <summary>The result of an endpoint whose response carries only a <c>Status</c> of <c>OK</c>.</summary>
public readonly record struct XpmNone;
