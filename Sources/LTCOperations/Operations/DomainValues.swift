import LTCCases
import LTCSchemes

// The domain's words as params: each carries its allowed values into the
// schema, the help and the error that refuses another.

extension InsuranceType: ParamEnum {}
extension StaffMember.Role: ParamEnum {}
extension Assessor.Qualification: ParamEnum {}
