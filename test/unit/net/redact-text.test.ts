/**
 * URL settings that do not parse are named in messages through `redactText` (net/safe-http.ts): no
 * query or fragment, and no credentials, even when the password holds "/" or "@" (which is often
 * why the URL does not parse in the first place).
 */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { isUserError } from "../../../src/common/errors.ts";
import { checkHttpUrl, redactText } from "../../../src/net/safe-http.ts";

describe("redactText", () => {
  test("credentials up to the last @ are cut out, whatever the password holds", () => {
    assert.equal(redactText("https://user:pw@data.example.com/a.csv"), "https://data.example.com/a.csv");
    assert.equal(redactText("https://user:S3cr/et@data.example.com/a.csv"), "https://data.example.com/a.csv");
    assert.equal(redactText("https://user:p@ss/w@rd@data.example.com:8x/a.csv"), "https://data.example.com:8x/a.csv");
    // An @ in the query is not userinfo, and the query goes anyway.
    assert.equal(redactText("https://data.example.com/a.csv?sig=a@b&token=t0k"), "https://data.example.com/a.csv");
    // scp-style git remotes have no "//": nothing to cut.
    assert.equal(redactText("git@github.com:octo/models.git"), "git@github.com:octo/models.git");
  });

  test("checkHttpUrl names a URL that does not parse without its password", () => {
    assert.throws(
      () => {
        checkHttpUrl("https://ci:S3cr/et@data.example.com:port/a.csv?token=t0k", "--url", "give a full https:// URL");
      },
      (error: unknown) =>
        isUserError(error) &&
        error.message.startsWith('--url: "https://data.example.com:port/a.csv" is not a URL') &&
        !/S3cr|et@|t0k/.test(error.message),
    );
  });
});
