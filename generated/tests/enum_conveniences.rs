//! What a type enum offers besides its variants, on whatever layer
//! tlgen-api was generated from (the sample, layer 223): accessors of the
//! fields every constructor has, and the pattern its docs give for a boxed
//! variant.

use tlgen_api::{enums, types};

#[test]
fn accessors_read_the_field_every_constructor_has() {
    let empty: enums::Message = types::MessageEmpty::new(7).into();
    assert_eq!(empty.id(), 7);
    let user: enums::User = types::UserEmpty::new(42).into();
    assert_eq!(user.id(), 42);
    let user: enums::User = types::User::new(5).into();
    assert_eq!(user.id(), 5);
}

/// `enums::User::User` holds `Box<types::User>` (the struct is large in
/// every layer): `User(types::User { id, .. })` does not compile, the
/// pattern of the enum's docs does.
#[test]
fn a_boxed_variant_is_matched_through_its_box() {
    fn id_of(user: &enums::User) -> Option<i64> {
        if let enums::User::User(x) = user {
            let types::User { id, .. } = &**x;
            return Some(*id);
        }
        None
    }
    assert_eq!(id_of(&types::User::new(5).into()), Some(5));
    assert_eq!(id_of(&types::UserEmpty::new(5).into()), None);
}
