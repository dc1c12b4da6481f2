//! The root `build.rs` generated the sample narrowed to one method through
//! `tlgen::config::Config`: the selected request and the types it needs exist
//! and talk the wire format; unselected methods were left out.

use std::path::Path;

use tlgen_runtime::{Deserialize, Identifiable, Method, Serialize};
use tlgen_suite::selected::{enums, functions::messages::ImportChatInvite};
use tlgen_test_support::rust::Parsed;

#[test]
fn the_selected_method_is_generated_and_encodes() {
    let request = ImportChatInvite {
        hash: "AbCd".into(),
    };
    assert_eq!(
        <ImportChatInvite as Identifiable>::CONSTRUCTOR_ID,
        0x6c50051c
    );
    assert_eq!(
        <ImportChatInvite as Method>::NAME,
        "messages.importChatInvite"
    );
    // 6c50051c, then "AbCd" as a TL string: length 4, 3 bytes of padding.
    assert_eq!(
        request.to_bytes(),
        [0x1c, 0x05, 0x50, 0x6c, 4, b'A', b'b', b'C', b'd', 0, 0, 0]
    );
    // The return type came along with its closure.
    let updates = enums::Updates::from_bytes(&0xe317af7eu32.to_le_bytes()).unwrap();
    assert_eq!(updates.to_bytes(), 0xe317af7eu32.to_le_bytes());
}

#[test]
fn unselected_methods_are_left_out() {
    let tree = Parsed::dir(Path::new(concat!(env!("OUT_DIR"), "/selected")), &[]);
    assert!(tree.has_pub_struct("ImportChatInvite"));
    for unselected in ["SendMessage", "GetUsers", "GetConfig"] {
        assert!(
            tree.find_struct(unselected).is_none(),
            "{unselected} was generated"
        );
    }
}
