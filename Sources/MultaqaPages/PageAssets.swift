import Crypto
import Foundation
import MultaqaDomain

/// The stylesheet and the one script of the public pages, served from the binary. Their URLs carry
/// a version made from their content, so they are cached for a year and change with a new build.
public enum PageAssets {
    public static let stylesheet = PackageResources.site_css
    public static let script = PackageResources.site_js

    public static let version: String = {
        var hasher = SHA256()
        hasher.update(data: stylesheet)
        hasher.update(data: script)
        return hasher.finalize().prefix(6).hexadecimal
    }()
}
