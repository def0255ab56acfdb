import { escapeXml, toXml, type XmlValue } from "./toXml.js";

/** The XML namespace of every STS response. */
export const STS_XML_NAMESPACE = "https://sts.amazonaws.com/doc/2011-06-15/";

/** An awsQuery success body: `<ActionResponse><ActionResult>…</ActionResult><ResponseMetadata><RequestId/></ResponseMetadata></ActionResponse>`. */
export function stsResponseXml(action: string, result: XmlValue, requestId: string): string {
  return (
    `<${action}Response xmlns="${STS_XML_NAMESPACE}">\n` +
    `  <${action}Result>${toXml(result)}</${action}Result>\n` +
    `  <ResponseMetadata><RequestId>${escapeXml(requestId)}</RequestId></ResponseMetadata>\n` +
    `</${action}Response>\n`
  );
}

/** An awsQuery error body: `<ErrorResponse><Error><Type/><Code/><Message/></Error><RequestId/></ErrorResponse>`. */
export function stsErrorXml(error: { readonly Type?: string; readonly Code?: string; readonly Message?: string }, requestId: string): string {
  return (
    `<ErrorResponse xmlns="${STS_XML_NAMESPACE}">\n` +
    `  <Error>${toXml({ Type: error.Type ?? "Sender", Code: error.Code ?? "InternalFailure", Message: error.Message ?? "" })}</Error>\n` +
    `  <RequestId>${escapeXml(requestId)}</RequestId>\n` +
    `</ErrorResponse>\n`
  );
}
