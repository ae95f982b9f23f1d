using System.Xml.Linq;

namespace XpmGen;

/// <summary>
/// What a raw call (<see cref="XpmClient.SendRawAsync"/>) returns: the payload of an <c>OK</c> envelope as XML,
/// for endpoints Xero adds before the schema describes them.
/// </summary>
/// <param name="Payload">The first child of <c>&lt;Response&gt;</c> other than <c>Status</c> and <c>WebUrl</c>, or <see langword="null"/> when the response carries only a status.</param>
/// <param name="WebUrl">The <c>WebUrl</c> beside the payload, when XPM sends one.</param>
/// <param name="ApiMethod">The <c>api-method</c> attribute of <c>&lt;Response&gt;</c>, when present.</param>
public sealed record XpmRawResponse(XElement? Payload, string? WebUrl, string? ApiMethod);
